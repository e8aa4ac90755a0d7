namespace Framework.Host.Sweeps.Summary;

/// <summary>One trial in the summary.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="State">What MLflow says about it.</param>
/// <param name="Value">The summary metric's final value, for a FINISHED trial that logged it.</param>
internal sealed record TrialRow(SweepTrial Trial, TrialState State, double? Value);
