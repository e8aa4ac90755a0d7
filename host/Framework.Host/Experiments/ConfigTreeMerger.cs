using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>Lays one configuration tree over another, as <c>defaults</c> files and <c>--set</c> overrides do.</summary>
/// <remarks>
/// Mappings merge key by key; anything else (a scalar, a list) replaces what was there. One exception, after Hydra's
/// config groups: when a plugin section names a different plugin than the tree below, the options written for the
/// old plugin are dropped, since they almost never fit the new one.
/// </remarks>
internal static class ConfigTreeMerger
{
    /// <summary>Merges a whole experiment tree onto another.</summary>
    /// <param name="lower">The base; changed in place.</param>
    /// <param name="upper">The tree that wins.</param>
    public static void MergeExperiment(ConfigMapping lower, ConfigMapping upper)
    {
        foreach (var entry in upper.Entries)
        {
            var existing = lower.Find(entry.Name);
            if (existing is not null && ExperimentSections.Find(entry.Name)?.Kind == ExperimentSectionKind.Plugin
                && existing.Value is ConfigMapping lowerSection && entry.Value is ConfigMapping upperSection
                && ChangesPlugin(lowerSection, upperSection))
            {
                lower.Set(entry);
                continue;
            }

            MergeEntry(lower, entry);
        }
    }

    /// <summary>Merges one entry into a mapping: mapping onto mapping recursively, otherwise replacing.</summary>
    /// <param name="lower">The mapping to change.</param>
    /// <param name="entry">The entry that wins.</param>
    public static void MergeEntry(ConfigMapping lower, ConfigEntry entry)
    {
        var existing = lower.Find(entry.Name);
        if (existing?.Value is ConfigMapping lowerMapping && entry.Value is ConfigMapping upperMapping)
        {
            foreach (var child in upperMapping.Entries)
                MergeEntry(lowerMapping, child);
        }
        else
        {
            lower.Set(entry);
        }
    }

    /// <summary>Whether <paramref name="upper"/> names a plugin other than the one <paramref name="lower"/> names.</summary>
    /// <param name="lower">A plugin section below.</param>
    /// <param name="upper">A plugin section above.</param>
    /// <returns>True when both name a plugin and the names differ (ignoring case).</returns>
    public static bool ChangesPlugin(ConfigMapping lower, ConfigMapping upper) =>
        PluginName(lower) is { } before && PluginName(upper) is { } after &&
        !string.Equals(before, after, StringComparison.OrdinalIgnoreCase);

    /// <summary>The plugin name a section's <c>plugin</c> key gives, or null.</summary>
    /// <param name="section">A plugin section.</param>
    /// <returns>The name.</returns>
    public static string? PluginName(ConfigMapping section) => PluginName(section.Find(OptionsSchema.PluginKey)?.Value);

    /// <summary>The plugin name a <c>plugin</c> value gives, or null when it is missing or not a name.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The name.</returns>
    public static string? PluginName(ConfigNode? node) => node is ConfigScalar { IsNull: false } scalar ? scalar.Value : null;
}
