using Autofac;
using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;

namespace Framework.Plugins.Diffusion.Tests.Support;

/// <summary>Resolves plugins from the containers their Autofac modules fill, as the host does.</summary>
internal static class PluginContainer
{
    public static IModelPlugin Diffusion => Resolve<DiffusionModule, IModelPlugin>("diffusion");

    public static IDatasetPlugin Idx => Resolve<IdxModule, IDatasetPlugin>("idx");

    public static IDatasetPlugin Ising => Resolve<IsingModule, IDatasetPlugin>("ising2d");

    private static TService Resolve<TModule, TService>(string name)
        where TModule : Autofac.Module, new()
        where TService : IPlugin
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<TModule>();
        using var container = builder.Build();
        return container.Resolve<IEnumerable<TService>>().Single(p => p.Name == name);
    }
}
