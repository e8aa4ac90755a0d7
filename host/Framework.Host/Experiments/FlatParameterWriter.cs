using System.Collections;
using System.Collections.ObjectModel;
using Framework.Host.Experiments.Schema;
using Framework.Options;

namespace Framework.Host.Experiments;

/// <summary>
/// Flattens the resolved plugin and settings sections to dotted keys (<c>model.hidden</c>,
/// <c>training.optimizer.lr</c>, <c>tracking.tags.team</c>) with invariant text values: MLflow's parameters.
/// </summary>
/// <remarks>
/// <c>name</c> and <c>description</c> are not parameters (the name is the experiment, the description prose), so
/// text sections are left out. Lists read <c>[1, 2]</c>, booleans <c>true</c>, floating point uses round-trip
/// precision, enums their snake_case names.
/// </remarks>
internal static class FlatParameterWriter
{
    /// <summary>Flattens the sections' values.</summary>
    /// <param name="values">The value of each section, as <see cref="ExperimentBinder.Bind"/> returns them.</param>
    /// <returns>Parameters in file order.</returns>
    public static IReadOnlyDictionary<string, string> Flatten(IReadOnlyDictionary<string, object?> values)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in ExperimentSections.All)
        {
            switch (values.GetValueOrDefault(section.Key))
            {
                case PluginSelection selection when section.Kind == ExperimentSectionKind.Plugin:
                    flat[$"{section.Key}.{OptionsSchema.PluginKey}"] = selection.PluginName;
                    Add(flat, OptionsSchema.For(selection.Options.GetType()), selection.Options, section.Key);
                    break;
                case { } settings when section.Kind == ExperimentSectionKind.Settings:
                    Add(flat, OptionsSchema.For(settings.GetType()), settings, section.Key);
                    break;
            }
        }

        return new ReadOnlyDictionary<string, string>(flat);
    }

    private static void Add(Dictionary<string, string> flat, OptionsSchema schema, object options, string prefix)
    {
        foreach (var option in schema.Options)
        {
            var key = $"{prefix}.{option.Key}";
            var value = option.GetValue(options);
            switch (option.Kind)
            {
                case OptionKind.Group:
                    Add(flat, option.Group!, value ?? option.Group!.CreateDefault(), key);
                    break;
                case OptionKind.GroupMap:
                    foreach (DictionaryEntry entry in (IDictionary?)value ?? new Hashtable())
                        Add(flat, option.Group!, entry.Value!, $"{key}.{entry.Key}");
                    break;
                case OptionKind.Map:
                    foreach (DictionaryEntry entry in (IDictionary?)value ?? new Hashtable())
                        flat[$"{key}.{entry.Key}"] = OptionValueText.Format(entry.Value);
                    break;
                case OptionKind.Array:
                    flat[key] = OptionValueText.Format(value ?? Array.Empty<object>());
                    break;
                default:
                    flat[key] = OptionValueText.Format(value);
                    break;
            }
        }
    }
}
