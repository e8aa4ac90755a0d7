namespace Framework.Search;

/// <summary>Where a trial is: still running (its value pending), finished, stopped by a pruner, or failed.</summary>
public enum TrialState { Running, Complete, Pruned, Failed }

/// <summary>Whether the objective is to be minimised or maximised.</summary>
public enum Direction { Minimize, Maximize }

/// <summary>One intermediate report of a trial: the objective's value at a step (an epoch, an evaluation).</summary>
public readonly record struct IntermediateValue(int Step, double Value);

/// <summary>
/// What the search knows of one trial: its number (its place in the sweep, from 0), the values proposed for it (only its
/// active parameters), its state, its final value (Complete trials) and its intermediate reports in the order made.
/// </summary>
public sealed record TrialRecord(int Number, IReadOnlyDictionary<string, ParameterValue> Parameters, TrialState State,
    double? Value, IReadOnlyList<IntermediateValue> Intermediate)
{
    /// <summary>The greatest step reported, or null when the trial has reported nothing.</summary>
    public int? LastStep => Intermediate.Count == 0 ? null : Intermediate.Max(i => i.Step);

    /// <summary>The value reported at <paramref name="step"/> (the first report of that step), or null.</summary>
    public double? ValueAt(int step)
    {
        foreach (var report in Intermediate)
            if (report.Step == step)
                return report.Value;
        return null;
    }
}
