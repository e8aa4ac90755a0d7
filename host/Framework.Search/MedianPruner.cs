namespace Framework.Search;

/// <summary>
/// The median stopping rule as Optuna 3.1's MedianPruner applies it: once <paramref name="startupTrials"/> trials have
/// completed, at step s ≥ <paramref name="warmupSteps"/> (only on the first report in each interval of
/// <paramref name="intervalSteps"/> steps counted from the warm-up), the trial stops if its best report so far is worse
/// than the median of the completed trials' reports at step s (those that reported at s; with fewer than
/// <paramref name="minTrials"/> of them it goes on). A trial whose reports are all NaN stops.
/// </summary>
public sealed class MedianPruner : IPruner
{
    private readonly int _startupTrials, _warmupSteps, _intervalSteps, _minTrials;

    public MedianPruner(int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1)
    {
        if (startupTrials < 0)
            throw new ArgumentOutOfRangeException(nameof(startupTrials), startupTrials, "The median pruner's start-up trials must be >= 0.");
        if (warmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The median pruner's warm-up steps must be >= 0.");
        if (intervalSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(intervalSteps), intervalSteps, "The median pruner's interval must be >= 1 step.");
        if (minTrials < 1)
            throw new ArgumentOutOfRangeException(nameof(minTrials), minTrials, "The median pruner needs at least 1 trial to compare with.");
        (_startupTrials, _warmupSteps, _intervalSteps, _minTrials) = (startupTrials, warmupSteps, intervalSteps, minTrials);
    }

    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(others);
        var completed = others.Where(t => t.State == TrialState.Complete && t.Number != trial.Number).ToList();
        if (completed.Count == 0 || completed.Count < _startupTrials)
            return false;
        if (trial.LastStep is not { } step || step < _warmupSteps)
            return false;
        if (!IsFirstInInterval(step, trial))
            return false;

        var own = trial.Intermediate.Select(r => r.Value).Where(v => !double.IsNaN(v)).ToList();
        if (own.Count == 0)
            return true;
        var best = direction == Direction.Minimize ? own.Min() : own.Max();
        var atStep = completed.Select(t => t.ValueAt(step)).Where(v => v is not null).Select(v => v!.Value).ToList();
        if (atStep.Count < _minTrials)
            return false;
        var median = Median(atStep);
        if (double.IsNaN(median))
            return false;
        return direction == Direction.Minimize ? best > median : best < median;
    }

    // The step is the first report at or after the start of its interval: no earlier report lies in [start, step).
    private bool IsFirstInInterval(int step, TrialRecord trial)
    {
        var intervalStart = (step - _warmupSteps) / _intervalSteps * _intervalSteps + _warmupSteps;
        var previous = trial.Intermediate.Where(r => r.Step != step).Select(r => r.Step).DefaultIfEmpty(-1).Max();
        return previous < intervalStart;
    }

    /// <summary>The median of the non-NaN values (the mean of the middle two for an even count), NaN when there are none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : sorted[mid - 1] + (sorted[mid] - sorted[mid - 1]) / 2;
    }
}
