using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>One swept key: a grid axis (a list of values) or a distribution for random search.</summary>
/// <param name="Key">The dotted key it overrides, as <c>--set</c> writes it (<c>training.optimizer.lr</c>).</param>
/// <param name="Location">Where its value is written.</param>
/// <param name="Grid">The values of a grid axis, or null for a distribution.</param>
/// <param name="Distribution">The distribution, or null for a grid axis.</param>
internal sealed record SweepParameter(string Key, SourceLocation Location, IReadOnlyList<SweepValue>? Grid, SweepDistribution? Distribution)
{
    /// <summary>Whether this parameter is a grid axis.</summary>
    public bool IsGrid => Grid is not null;

    /// <summary>The parameter as YAML text, for the sweep's MLflow params (<c>[8, 16]</c>, <c>{log_uniform: [0.001, 0.1]}</c>).</summary>
    public string Describe() => Grid is { } values
        ? $"[{string.Join(", ", values.Select(v => v.Text))}]"
        : $"{{{DescribeDistribution()}{(Distribution!.When is { } when ? ", " + when.Describe() : "")}}}";

    /// <summary>The parameter's condition, or null when it always applies.</summary>
    public SweepCondition? When => Distribution?.When;

    private string DescribeDistribution() => Distribution!.Kind switch
    {
        DistributionKind.Choice => $"choice: [{string.Join(", ", Distribution.Choices.Select(v => v.Text))}]",
        var kind => FormattableString.Invariant($"{Framework.Options.OptionNaming.ToSnakeCase(kind.ToString())}: [{Distribution.Low:R}, {Distribution.High:R}]"),
    };
}
