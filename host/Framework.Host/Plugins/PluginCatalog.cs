using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace Framework.Host.Plugins;

/// <summary>The result of loading plugins: what loaded, what was rejected, and lookups by name.</summary>
internal sealed class PluginCatalog : IPluginCatalog
{
    public PluginCatalog(IReadOnlyList<LoadedPlugin> loaded, IReadOnlyList<PluginRejection> rejected, IReadOnlyList<PluginRoot>? roots = null)
    {
        Roots = roots ?? [];
        Loaded = loaded;
        Rejected = rejected;
        Models = loaded.SelectMany(p => p.Models).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        Datasets = loaded.SelectMany(p => p.Datasets).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<PluginRoot> Roots { get; }

    public IReadOnlyList<LoadedPlugin> Loaded { get; }

    public IReadOnlyList<PluginRejection> Rejected { get; }

    public IReadOnlyList<IModelPlugin> Models { get; }

    public IReadOnlyList<IDatasetPlugin> Datasets { get; }

    public IModelPlugin? FindModel(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    public IDatasetPlugin? FindDataset(string name) =>
        Datasets.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    public LoadedPlugin? OwnerOf(IPlugin plugin) =>
        Loaded.FirstOrDefault(p => p.Models.Contains(plugin) || p.Datasets.Contains(plugin));
}
