using Autofac;
using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace Framework.Testing.Tests;

/// <summary>Every bundled and fixture plugin, resolved through its Autofac module as the host does.</summary>
internal static class Plugins
{
    private static readonly Lazy<IContainer> Container = new(() =>
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<Framework.Plugins.Rbm.RbmModule>();
        builder.RegisterModule<Framework.Plugins.Vae.VaeModule>();
        builder.RegisterModule<Framework.Plugins.BarsAndStripes.BarsAndStripesModule>();
        builder.RegisterModule<Framework.Plugins.Ising.IsingModule>();
        builder.RegisterModule<Framework.Plugins.Idx.IdxModule>();
        builder.RegisterModule<FixtureGan.GanModule>();
        builder.RegisterModule<FixtureDiffusion.DiffusionModule>();
        builder.RegisterModule<FixtureBroken.BrokenModule>();
        return builder.Build();
    });

    public static IModelPlugin Model(string name) => Container.Value.Resolve<IEnumerable<IModelPlugin>>().Single(p => p.Name == name);

    public static IDatasetPlugin Dataset(string name) => Container.Value.Resolve<IEnumerable<IDatasetPlugin>>().Single(p => p.Name == name);
}
