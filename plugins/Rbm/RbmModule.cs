using Autofac;
using Framework.Contracts.Models;

namespace Framework.Plugins.Rbm;

/// <summary>Registers the <c>rbm</c> model with the host.</summary>
public sealed class RbmModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<RbmPlugin>().As<IModelPlugin>().SingleInstance();
}
