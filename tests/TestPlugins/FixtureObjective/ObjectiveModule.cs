using Autofac;
using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace FixtureObjective;

/// <summary>Registers the objective model and its one-example dataset.</summary>
public sealed class ObjectiveModule : Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterType<ObjectivePlugin>().As<IModelPlugin>().SingleInstance();
        builder.RegisterType<NothingDatasetPlugin>().As<IDatasetPlugin>().SingleInstance();
    }
}
