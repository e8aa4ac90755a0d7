namespace Framework.Host.Sweeps;

/// <summary>A random-search parameter's distribution.</summary>
/// <param name="Kind">How values are drawn.</param>
/// <param name="Low">The lower bound (uniform, log-uniform, int).</param>
/// <param name="High">The upper bound (uniform, log-uniform, int; inclusive for int).</param>
/// <param name="Choices">The values of a choice, with their positions.</param>
internal sealed record SweepDistribution(DistributionKind Kind, double Low, double High, IReadOnlyList<SweepValue> Choices)
{
    /// <summary>When the parameter applies (searches only); null: always.</summary>
    public SweepCondition? When { get; init; }
}
