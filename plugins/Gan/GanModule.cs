using Autofac;
using Framework.Contracts.Models;

namespace Framework.Plugins.Gan;

/// <summary>Registers the <c>gan</c> model plugin with the host's container.</summary>
public sealed class GanModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<GanPlugin>().As<IModelPlugin>().SingleInstance();
}
