using Autofac;
using Framework.Contracts.Models;

namespace Framework.Plugins.Vae;

/// <summary>Registers the <c>vae</c> model plugin with the host's container.</summary>
public sealed class VaeModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<VaePlugin>().As<IModelPlugin>().SingleInstance();
}
