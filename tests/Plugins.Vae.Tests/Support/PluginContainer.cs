using Autofac;
using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>Resolves plugins from the containers their Autofac modules fill, as the host does.</summary>
internal static class PluginContainer
{
    public static IModelPlugin Vae => Resolve<VaeModule, IModelPlugin>("vae");

    public static IDatasetPlugin Idx => Resolve<IdxModule, IDatasetPlugin>("idx");

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
