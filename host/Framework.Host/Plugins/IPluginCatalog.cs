using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace Framework.Host.Plugins;

/// <summary>The plugins found at start-up: those that loaded, and those rejected with a reason.</summary>
internal interface IPluginCatalog
{
    /// <summary>Plugin assemblies that loaded, with the model and dataset plugins each registered.</summary>
    IReadOnlyList<LoadedPlugin> Loaded { get; }

    /// <summary>Plugin folders that were skipped, each with the reason.</summary>
    IReadOnlyList<PluginRejection> Rejected { get; }

    /// <summary>Every model plugin of every loaded assembly.</summary>
    IReadOnlyList<IModelPlugin> Models { get; }

    /// <summary>Every dataset plugin of every loaded assembly.</summary>
    IReadOnlyList<IDatasetPlugin> Datasets { get; }

    /// <summary>Finds a model plugin by its experiment-file name (case-insensitive), or null.</summary>
    IModelPlugin? FindModel(string name);

    /// <summary>Finds a dataset plugin by its experiment-file name (case-insensitive), or null.</summary>
    IDatasetPlugin? FindDataset(string name);

    /// <summary>The assembly (manifest) that provides a plugin, for version tags.</summary>
    LoadedPlugin? OwnerOf(Contracts.IPlugin plugin);

    /// <summary>The folders that were searched, with where each was configured (for "not found" messages).</summary>
    IReadOnlyList<PluginRoot> Roots => [];
}
