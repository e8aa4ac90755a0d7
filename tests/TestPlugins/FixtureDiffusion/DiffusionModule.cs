using Autofac;
using Framework.Contracts.Models;

namespace FixtureDiffusion;

public sealed class DiffusionModule : Module
{
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<DiffusionPlugin>().As<IModelPlugin>().SingleInstance();
}
