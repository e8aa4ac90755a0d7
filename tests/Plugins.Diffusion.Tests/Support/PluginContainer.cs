using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;

namespace Framework.Plugins.Diffusion.Tests.Support;

/// <summary>Resolves plugins from the containers their Autofac modules fill, as the host does.</summary>
internal static class PluginContainer
{
    public static IModelPlugin Diffusion => PluginModules.Resolve<DiffusionModule, IModelPlugin>("diffusion");

    public static IDatasetPlugin Idx => PluginModules.Resolve<IdxModule, IDatasetPlugin>("idx");

    public static IDatasetPlugin Ising => PluginModules.Resolve<IsingModule, IDatasetPlugin>("ising2d");
}
