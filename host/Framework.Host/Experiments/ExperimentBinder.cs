using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;
using Framework.Host.Plugins;
using Framework.Host.Sweeps;

namespace Framework.Host.Experiments;

/// <summary>Checks a merged experiment tree section by section and builds the typed values of each section.</summary>
/// <param name="catalog">The loaded plugins, which the plugin sections choose from.</param>
/// <param name="errors">Receives every problem.</param>
internal sealed class ExperimentBinder(IPluginCatalog catalog, ConfigErrorCollector errors)
{
    private readonly OptionsBinder _options = new(errors);

    /// <summary>Binds every section of <see cref="ExperimentSections.All"/>.</summary>
    /// <param name="root">The merged tree (file, base files, overrides).</param>
    /// <returns>
    /// The value of each section by key: a string (or null) for text, a <see cref="PluginSelection"/> for plugins, the
    /// settings instance for settings. Meaningful only when no error was recorded.
    /// </returns>
    public Dictionary<string, object?> Bind(ConfigMapping root)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in root.Entries)
        {
            var section = ExperimentSections.Find(entry.Name);
            if (section is null)
            {
                errors.Add(entry.Key.Location, OptionsBinder.UnknownKey(entry.Name, "the experiment file", ExperimentSections.AllowedKeys.ToList()));
                continue;
            }

            values[section.Key] = section.Kind switch
            {
                ExperimentSectionKind.Text => BindText(section, entry.Value),
                ExperimentSectionKind.Plugin => BindPlugin(section, entry),
                ExperimentSectionKind.Settings => BindSettings(section, entry.Value),
                ExperimentSectionKind.Sweep => new SweepSpecReader(errors).Read(entry.Value),
                _ => throw new InvalidOperationException($"Section kind {section.Kind} has no binder."),
            };
        }

        foreach (var section in ExperimentSections.All.Where(s => !values.ContainsKey(s.Key)))
        {
            if (section.Required)
                errors.Add(root.Location, MissingSection(section));
            else if (section.Kind == ExperimentSectionKind.Settings)
                values[section.Key] = OptionsSchema.For(section.SettingsType!).CreateDefault();
            else
                values[section.Key] = null;
        }

        return values;
    }

    private string? BindText(ExperimentSection section, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                return null;
            case ConfigScalar scalar:
                return scalar.Value;
            default:
                errors.Add(node.Location, $"{section.Key}: expected a string, got {node.Describe()}");
                return null;
        }
    }

    private object BindSettings(ExperimentSection section, ConfigNode node)
    {
        var schema = OptionsSchema.For(section.SettingsType!);
        var settings = schema.CreateDefault();
        _options.Bind(node, schema, settings, section.Key);
        return settings;
    }

    private PluginSelection? BindPlugin(ExperimentSection section, ConfigEntry entry)
    {
        var available = section.AvailablePlugins(catalog).Select(p => p.Name).ToList();
        ConfigMapping mapping;
        switch (entry.Value)
        {
            case ConfigMapping m:
                mapping = m;
                break;
            case ConfigScalar { IsNull: true }:
                errors.Add(entry.Key.Location, MissingPlugin(section, available));
                return null;
            case ConfigScalar name:
                errors.Add(name.Location, $"{section.Key}: expected a mapping with 'plugin' and its options; write {section.Key}: {{plugin: {name.Value}}}");
                return null;
            default:
                errors.Add(entry.Value.Location, $"{section.Key}: expected a mapping with 'plugin' and its options, got {entry.Value.Describe()}");
                return null;
        }

        var pluginEntry = mapping.Find(OptionsSchema.PluginKey);
        if (pluginEntry is null)
        {
            errors.Add(entry.Key.Location, MissingPlugin(section, available));
            return null;
        }

        if (pluginEntry.Value is not ConfigScalar { IsNull: false } pluginName)
        {
            errors.Add(pluginEntry.Value.Location, $"{section.Key}.{OptionsSchema.PluginKey}: expected the name of a {section.PluginNoun} ({AvailableList(available)}), got {pluginEntry.Value.Describe()}");
            return null;
        }

        var plugin = section.FindPlugin(catalog, pluginName.Value);
        if (plugin is null)
        {
            // Options of an unknown plugin are not checked: there is no schema to check them against.
            var suggestion = KeySuggestions.Suggest(pluginName.Value, available);
            errors.Add(pluginName.Location, $"unknown {section.PluginNoun} '{pluginName.Value}'; {AvailableList(available)}" +
                                            (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + Searched());
            return null;
        }

        if (!OptionsSchema.TryCreateForPlugin(plugin, out var schema, out var problem))
        {
            errors.Add(pluginName.Location, $"{section.PluginNoun} '{plugin.Name}' cannot be configured: {problem}");
            return null;
        }

        var options = schema.CreateDefault();
        _options.Bind(mapping, schema, options, section.Key, $"{section.Key} (plugin '{plugin.Name}')", [OptionsSchema.PluginKey]);
        return new PluginSelection(plugin.Name, options);
    }

    /// <summary>Where plugins were looked for, and how to add a folder: a plugin that is not found is usually one whose
    /// folder was not given.</summary>
    private string Searched() => catalog.Roots.Count == 0
        ? ""
        : $"; searched: {string.Join(", ", catalog.Roots.Select(r => $"{r.Folder} ({r.Origin})"))}; {PluginSearchPath.HowToAdd}";

    private string MissingSection(ExperimentSection section) => section.Kind == ExperimentSectionKind.Plugin
        ? $"missing required section '{section.Key}': add {section.Key}: {{plugin: NAME}} ({AvailableList(section.AvailablePlugins(catalog).Select(p => p.Name).ToList())})"
        : $"missing required section '{section.Key}'";

    private static string MissingPlugin(ExperimentSection section, IReadOnlyList<string> available) =>
        $"{section.Key}: missing required key '{OptionsSchema.PluginKey}', the name of a {section.PluginNoun} ({AvailableList(available)})";

    private static string AvailableList(IReadOnlyList<string> names) =>
        names.Count == 0 ? "none is loaded; see `plugins list`" : $"available: {string.Join(", ", names)}";
}
