using Framework.Contracts;
using Framework.Host.Plugins;

namespace Framework.Host.Experiments;

/// <summary>One top-level key of an experiment file and how to read it.</summary>
/// <param name="Key">The key (<c>model</c>).</param>
/// <param name="Kind">How its value is read.</param>
/// <param name="Description">What it is, for the JSON Schema.</param>
/// <param name="Required">Whether the file must have it.</param>
/// <param name="Role">For <see cref="ExperimentSectionKind.Plugin"/>: which plugins it chooses from.</param>
/// <param name="SettingsType">For <see cref="ExperimentSectionKind.Settings"/>: the options class.</param>
internal sealed record ExperimentSection(
    string Key,
    ExperimentSectionKind Kind,
    string Description,
    bool Required = false,
    PluginRole? Role = null,
    Type? SettingsType = null)
{
    /// <summary>The noun used in messages ("model plugin", "dataset plugin").</summary>
    public string PluginNoun => $"{Role?.ToString().ToLowerInvariant()} plugin";

    /// <summary>The plugins this section can choose from.</summary>
    /// <param name="catalog">The loaded plugins.</param>
    /// <returns>The plugins of this section's role.</returns>
    public IReadOnlyList<IPlugin> AvailablePlugins(IPluginCatalog catalog) => Role switch
    {
        PluginRole.Model => catalog.Models,
        PluginRole.Dataset => catalog.Datasets,
        _ => [],
    };

    /// <summary>Finds a plugin of this section's role by name (case-insensitive).</summary>
    /// <param name="catalog">The loaded plugins.</param>
    /// <param name="name">The name as written.</param>
    /// <returns>The plugin, or null.</returns>
    public IPlugin? FindPlugin(IPluginCatalog catalog, string name) => Role switch
    {
        PluginRole.Model => catalog.FindModel(name),
        PluginRole.Dataset => catalog.FindDataset(name),
        _ => null,
    };
}
