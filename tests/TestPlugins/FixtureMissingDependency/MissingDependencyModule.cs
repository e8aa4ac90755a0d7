using Autofac;
using Framework.Contracts.Data;

namespace FixtureMissingDependency;

/// <summary>Registers a dataset plugin whose code needs FixtureDependency.dll.</summary>
public sealed class MissingDependencyModule : Module
{
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<GreetingDataset>().As<IDatasetPlugin>().SingleInstance();
}
