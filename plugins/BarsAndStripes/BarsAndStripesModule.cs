using Autofac;
using Framework.Contracts.Data;

namespace Framework.Plugins.BarsAndStripes;

/// <summary>Registers the <c>bars-and-stripes</c> dataset with the host.</summary>
public sealed class BarsAndStripesModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<BarsAndStripesPlugin>().As<IDatasetPlugin>().SingleInstance();
}
