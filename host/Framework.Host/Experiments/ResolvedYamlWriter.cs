using System.Text;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>
/// Writes the resolved experiment (every value, defaults included, in schema order) as YAML that loads back to the
/// same experiment; the run stores it as an artifact so that it can be reproduced exactly.
/// </summary>
internal static class ResolvedYamlWriter
{
    private const string Indent = "  ";

    /// <summary>Writes the sections' values.</summary>
    /// <param name="values">The value of each section, as <see cref="ExperimentBinder.Bind"/> returns them.</param>
    /// <param name="sourcePath">The experiment file, named in the header.</param>
    /// <param name="overrides">The overrides applied, listed in the header.</param>
    /// <returns>The YAML text.</returns>
    public static string Write(IReadOnlyDictionary<string, object?> values, string sourcePath, IReadOnlyList<string> overrides)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Resolved experiment: every value, defaults included. Loading this file gives the same experiment.");
        yaml.AppendLine($"# Source: {OneLine(sourcePath)}");
        if (overrides.Count == 0)
            yaml.AppendLine("# Overrides: none");
        else
            yaml.AppendLine("# Overrides:").AppendJoin("", overrides.Select(o => $"#   --set {OneLine(o)}{Environment.NewLine}"));

        foreach (var section in ExperimentSections.All)
        {
            var value = values.GetValueOrDefault(section.Key);
            switch (section.Kind)
            {
                case ExperimentSectionKind.Text:
                    yaml.AppendLine($"{section.Key}: {YamlScalarText.Format(value)}");
                    break;
                case ExperimentSectionKind.Plugin when value is PluginSelection selection:
                    yaml.AppendLine($"{section.Key}:");
                    yaml.AppendLine($"{Indent}{OptionsSchema.PluginKey}: {YamlScalarText.String(selection.PluginName)}");
                    WriteOptions(yaml, OptionsSchema.For(selection.Options.GetType()), selection.Options, Indent);
                    break;
                case ExperimentSectionKind.Settings when value is not null:
                    var schema = OptionsSchema.For(value.GetType());
                    yaml.AppendLine(schema.Options.Count == 0 ? $"{section.Key}: {{}}" : $"{section.Key}:");
                    WriteOptions(yaml, schema, value, Indent);
                    break;
            }
        }

        return yaml.ToString();
    }

    private static void WriteOptions(StringBuilder yaml, OptionsSchema schema, object options, string indent)
    {
        foreach (var option in schema.Options)
        {
            var value = option.GetValue(options);
            switch (option.Kind)
            {
                case OptionKind.Group:
                    var group = value ?? option.Group!.CreateDefault();
                    yaml.AppendLine(option.Group!.Options.Count == 0 ? $"{indent}{option.Key}: {{}}" : $"{indent}{option.Key}:");
                    WriteOptions(yaml, option.Group, group, indent + Indent);
                    break;
                case OptionKind.GroupMap:
                    var groups = (System.Collections.IDictionary?)value;
                    yaml.AppendLine(groups is null || groups.Count == 0 ? $"{indent}{option.Key}: {{}}" : $"{indent}{option.Key}:");
                    foreach (System.Collections.DictionaryEntry entry in groups ?? new System.Collections.Hashtable())
                    {
                        yaml.AppendLine($"{indent}{Indent}{YamlScalarText.String((string)entry.Key)}:");
                        WriteOptions(yaml, option.Group!, entry.Value!, indent + Indent + Indent);
                    }

                    break;
                case OptionKind.Map:
                    var map = (IDictionary<string, string>?)value ?? new Dictionary<string, string>();
                    yaml.AppendLine(map.Count == 0 ? $"{indent}{option.Key}: {{}}" : $"{indent}{option.Key}:");
                    foreach (var (key, text) in map)
                        yaml.AppendLine($"{indent}{Indent}{YamlScalarText.String(key)}: {YamlScalarText.String(text)}");
                    break;
                case OptionKind.Array:
                    yaml.AppendLine($"{indent}{option.Key}: {YamlScalarText.Format(value ?? Array.CreateInstance(option.ElementType!, 0))}");
                    break;
                case OptionKind.String:
                    yaml.AppendLine($"{indent}{option.Key}: {YamlScalarText.String((string?)value ?? "")}");
                    break;
                default:
                    yaml.AppendLine($"{indent}{option.Key}: {YamlScalarText.Format(value)}");
                    break;
            }
        }
    }

    private static string OneLine(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
