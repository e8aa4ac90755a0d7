using System.Globalization;
using Framework.Search;

namespace Framework.Host.Sweeps.Search;

/// <summary>
/// The sweep section's parameters as a search space, and a proposal's values as the <c>--set</c> overrides a trial runs
/// with (and back): lists and choices are categorical (their YAML texts are the categories, so a config-group axis of
/// files is one too), uniform and log_uniform are real intervals, int an integer interval.
/// </summary>
internal static class SweepSearchSpace
{
    public static SearchSpace Of(SweepSpec spec) => new(spec.Parameters.Select(ToParameter).ToList());

    /// <summary>The overrides of a proposal, in the file's parameter order, each located at the value it came from.</summary>
    public static IReadOnlyList<TrialOverride> Overrides(SweepSpec spec, IReadOnlyDictionary<string, ParameterValue> values) =>
        spec.Parameters.Where(p => values.ContainsKey(p.Key))
            .Select(p => new TrialOverride(p.Key, Text(p, values[p.Key]), Location(p, values[p.Key])))
            .ToList();

    /// <summary>The values a trial's overrides stand for (the inverse of <see cref="Overrides"/>).</summary>
    public static Dictionary<string, ParameterValue> Values(SearchSpace space, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var (key, text) in overrides)
        {
            var parameter = space.Parameters.FirstOrDefault(p => p.Name == key);
            if (parameter is null)
                continue;
            values[key] = parameter.Kind == ParameterKind.Categorical
                ? new ParameterValue.Choice(text)
                : new ParameterValue.Number(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return values;
    }

    private static SearchParameter ToParameter(SweepParameter p)
    {
        if (p.Grid is { } values)
            return new SearchParameter(p.Key, ParameterKind.Categorical, Choices: values.Select(v => v.Text).ToList());
        var d = p.Distribution!;
        var parameter = d.Kind switch
        {
            DistributionKind.Uniform => new SearchParameter(p.Key, ParameterKind.Float, d.Low, d.High),
            DistributionKind.LogUniform => new SearchParameter(p.Key, ParameterKind.Float, d.Low, d.High, Log: true),
            DistributionKind.Int => new SearchParameter(p.Key, ParameterKind.Int, d.Low, d.High),
            _ => new SearchParameter(p.Key, ParameterKind.Categorical, Choices: d.Choices.Select(v => v.Text).ToList()),
        };
        return d.When is { } when ? parameter with { ParentName = when.ParentKey, ParentValues = when.Values } : parameter;
    }

    private static string Text(SweepParameter parameter, ParameterValue value) => value switch
    {
        ParameterValue.Choice choice => choice.Value,
        ParameterValue.Number number when parameter.Distribution?.Kind == DistributionKind.Int =>
            ((long)Math.Round(number.Value)).ToString(CultureInfo.InvariantCulture),
        ParameterValue.Number number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unexpected value {value} for {parameter.Key}.", nameof(value)),
    };

    /// <summary>A choice points at the list item it is; a drawn number at its distribution.</summary>
    private static Experiments.Yaml.SourceLocation Location(SweepParameter parameter, ParameterValue value)
    {
        var values = parameter.Grid ?? parameter.Distribution?.Choices;
        return value is ParameterValue.Choice choice && values?.FirstOrDefault(v => v.Text == choice.Value) is { } item
            ? item.Location
            : parameter.Location;
    }
}
