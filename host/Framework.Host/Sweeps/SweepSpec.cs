using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>The <c>sweep</c> section of an experiment file, read and checked (but not yet expanded into trials).</summary>
/// <param name="Parameters">The swept keys, in file order.</param>
/// <param name="Settings">Repeats, trials, launcher and the rest.</param>
/// <param name="Location">Where the section starts, for errors about the sweep as a whole.</param>
internal sealed record SweepSpec(IReadOnlyList<SweepParameter> Parameters, SweepSettings Settings, SourceLocation Location)
{
    /// <summary>The most trials one sweep may expand to.</summary>
    public const int MaxTrials = 100_000;

    /// <summary>The key of the parameter list inside the section.</summary>
    public const string ParametersKey = "parameters";

    /// <summary>Whether trials are proposed one by one (random or TPE search) rather than expanded from a grid.</summary>
    public bool IsSearch => Settings.Search != SearchKind.Grid;

    /// <summary>Whether any parameter is drawn at random.</summary>
    public bool IsRandom => Parameters.Any(p => !p.IsGrid);
}
