using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>Resolves plugins from the containers their Autofac modules fill, as the host does.</summary>
internal static class PluginContainer
{
    public static IModelPlugin Vae => PluginModules.Resolve<VaeModule, IModelPlugin>("vae");

    public static IDatasetPlugin Idx => PluginModules.Resolve<IdxModule, IDatasetPlugin>("idx");
}
