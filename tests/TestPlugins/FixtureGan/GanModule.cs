using Autofac;
using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace FixtureGan;

/// <summary>Registers the GAN-shaped model and the ring dataset.</summary>
public sealed class GanModule : Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterType<GanPlugin>().As<IModelPlugin>().SingleInstance();
        builder.RegisterType<RingDatasetPlugin>().As<IDatasetPlugin>().SingleInstance();
    }
}
