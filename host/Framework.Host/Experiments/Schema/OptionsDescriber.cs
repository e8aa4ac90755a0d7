using Framework.Options;
using System.Text;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments.Schema;

/// <summary>Renders an options schema as an aligned plain-text table, for <c>plugins describe NAME</c>.</summary>
/// <example>
/// <code>
/// KEY           TYPE     DEFAULT  ALLOWED           DESCRIPTION
/// epochs        integer  10       [1, 1000000]      Number of passes over the training data.
/// optimizer     group                               Optimiser of models that train by backpropagation; ...
/// optimizer.lr  number   0.001    (0, 10]           Learning rate.
/// </code>
/// </example>
internal static class OptionsDescriber
{
    private const string Gap = "  ";

    /// <summary>Describes every option with its default from <c>new T()</c>.</summary>
    /// <param name="schema">The options schema.</param>
    /// <returns>The table, one line per option (group members with dotted keys), ending in a newline.</returns>
    public static string Describe(OptionsSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var rows = new List<string[]> { new[] { "KEY", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION" } };
        AddRows(rows, schema, schema.CreateDefault(), "");
        if (rows.Count == 1)
            return "(no options)" + Environment.NewLine;

        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var c = 0; c < 4; c++)
                line.Append(row[c].PadRight(widths[c])).Append(Gap);
            line.Append(row[4]);
            text.AppendLine(line.ToString().TrimEnd());
        }

        return text.ToString();
    }

    private static void AddRows(List<string[]> rows, OptionsSchema schema, object values, string prefix)
    {
        foreach (var option in schema.Options)
        {
            var key = prefix + option.Key;
            var value = option.GetValue(values);
            var description = (option.Description ?? "").ReplaceLineEndings(" ");
            if (option.Kind == OptionKind.Group)
            {
                rows.Add([key, option.TypeName, "", "", description]);
                AddRows(rows, option.Group!, value ?? option.Group!.CreateDefault(), key + ".");
                continue;
            }

            if (option.Kind == OptionKind.GroupMap)
            {
                // The names are the model's; each holds the keys of the group below.
                rows.Add([key, option.TypeName, "{}", "", description]);
                AddRows(rows, option.Group!, option.Group!.CreateDefault(), key + ".NAME.");
                continue;
            }

            rows.Add([key, option.TypeName, DefaultText(option, value), Allowed(option), description]);
        }
    }

    private static string DefaultText(OptionDescriptor option, object? value) => option.Kind switch
    {
        OptionKind.Map => value is IDictionary<string, string> { Count: > 0 } map
            ? "{" + string.Join(", ", map.Select(p => $"{YamlScalarText.String(p.Key)}: {YamlScalarText.String(p.Value)}")) + "}"
            : "{}",
        OptionKind.String => YamlScalarText.String((string?)value ?? ""),
        _ => YamlScalarText.Format(value ?? (option.Kind == OptionKind.Array ? Array.Empty<object>() : null)),
    };

    private static string Allowed(OptionDescriptor option)
    {
        var parts = new List<string>();
        if (option.AllowedValues is { } allowed)
            parts.Add(string.Join(", ", allowed));
        if (option.Range is { } range)
            parts.Add(range.Interval);
        if (option.Pattern is { } pattern)
            parts.Add(option.PatternMessage ?? $"matches {pattern}");
        var text = string.Join("; ", parts);
        return option.Kind == OptionKind.Array && text.Length > 0 ? "each " + text : text;
    }
}
