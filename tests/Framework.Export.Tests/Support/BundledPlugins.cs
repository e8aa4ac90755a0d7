using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Plugins;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;
using Framework.Plugins.Rbm;
using Framework.Plugins.Vae;

namespace Framework.Export.Tests.Support;

/// <summary>The bundled vae, rbm, idx and ising2d plugins from the assemblies this project references (not from plugin
/// folders, whose load contexts would give other types), so the tests can look inside the restored models.</summary>
internal sealed class BundledPlugins : IPluginCatalog
{
    public IReadOnlyList<LoadedPlugin> Loaded => [];

    public IReadOnlyList<PluginRejection> Rejected => [];

    public IReadOnlyList<IModelPlugin> Models { get; } =
        [PluginModules.Resolve<VaeModule, IModelPlugin>("vae"), PluginModules.Resolve<RbmModule, IModelPlugin>("rbm")];

    public IReadOnlyList<IDatasetPlugin> Datasets { get; } =
        [PluginModules.Resolve<IdxModule, IDatasetPlugin>("idx"), PluginModules.Resolve<IsingModule, IDatasetPlugin>("ising2d")];

    public IModelPlugin? FindModel(string name) => Models.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IDatasetPlugin? FindDataset(string name) => Datasets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public LoadedPlugin? OwnerOf(IPlugin plugin) => null;
}
