using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Plugins;

namespace Framework.Host.Tests.Support;

/// <summary>A catalog over in-test plugins, for tests of what consumes a catalog (the catalog itself is not under test).</summary>
internal sealed class TestPluginCatalog(IReadOnlyList<IModelPlugin> models, IReadOnlyList<IDatasetPlugin> datasets) : IPluginCatalog
{
    /// <summary>Models <c>rbm</c> and <c>vae</c>, datasets <c>bars-and-stripes</c> and <c>ising</c>.</summary>
    public static TestPluginCatalog Standard() =>
        new([new TestRbmPlugin(), new TestVaePlugin()], [new TestBarsPlugin(), new TestIsingPlugin()]);

    public IReadOnlyList<LoadedPlugin> Loaded => [];

    public IReadOnlyList<PluginRejection> Rejected => [];

    public IReadOnlyList<IModelPlugin> Models => models;

    public IReadOnlyList<IDatasetPlugin> Datasets => datasets;

    public IModelPlugin? FindModel(string name) =>
        models.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IDatasetPlugin? FindDataset(string name) =>
        datasets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public LoadedPlugin? OwnerOf(IPlugin plugin) => null;
}
