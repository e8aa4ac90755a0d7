using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;

namespace Framework.Host.Plugins;

/// <summary>A plugin assembly that loaded, with what it registered.</summary>
/// <param name="Manifest">Its plugin.json.</param>
/// <param name="Folder">The folder it was loaded from.</param>
/// <param name="Models">The model plugins it registered.</param>
/// <param name="Datasets">The dataset plugins it registered.</param>
internal sealed record LoadedPlugin(
    PluginManifest Manifest,
    string Folder,
    IReadOnlyList<IModelPlugin> Models,
    IReadOnlyList<IDatasetPlugin> Datasets);
