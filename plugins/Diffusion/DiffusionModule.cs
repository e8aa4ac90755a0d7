using Autofac;
using Framework.Contracts.Models;

namespace Framework.Plugins.Diffusion;

/// <summary>Registers the <c>diffusion</c> model plugin with the host's container.</summary>
public sealed class DiffusionModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<DiffusionPlugin>().As<IModelPlugin>().SingleInstance();
}
