namespace Framework.Search;

/// <summary>
/// Asynchronous successive halving (ASHA, Li et al. 2020) as Optuna 3.1's SuccessiveHalvingPruner decides, with rung
/// k at step r·η^(s+k) (r = <paramref name="minResource"/>, η = <paramref name="reductionFactor"/>,
/// s = <paramref name="minEarlyStoppingRate"/>). When a trial's report first reaches a rung's step, its value there is
/// its value for that rung; it goes on only if that value is among the best ⌊n/η⌋ (at least the best one) of the n
/// values of the rung: its own and those of every other trial that reached the rung, in any state.
/// Optuna stores each trial's rung values as trial attributes when it decides; here they are read off the trials'
/// reports (the value at the first reported step at or past the rung), which gives the same values for trials that
/// ask the pruner after every report, and lets a trial in its own process decide from stored metrics alone.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly int _minResource, _reductionFactor, _minEarlyStoppingRate;

    public SuccessiveHalvingPruner(int minResource = 1, int reductionFactor = 3, int minEarlyStoppingRate = 0)
    {
        if (minResource < 1)
            throw new ArgumentOutOfRangeException(nameof(minResource), minResource, "ASHA's min_resource must be >= 1.");
        if (reductionFactor < 2)
            throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "ASHA's reduction_factor must be >= 2.");
        if (minEarlyStoppingRate < 0)
            throw new ArgumentOutOfRangeException(nameof(minEarlyStoppingRate), minEarlyStoppingRate, "ASHA's min_early_stopping_rate must be >= 0.");
        (_minResource, _reductionFactor, _minEarlyStoppingRate) = (minResource, reductionFactor, minEarlyStoppingRate);
    }

    /// <summary>The step at which rung <paramref name="rung"/> is reached.</summary>
    public long RungStep(int rung) => _minResource * (long)Math.Pow(_reductionFactor, _minEarlyStoppingRate + rung);

    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(others);
        if (trial.LastStep is not { } step)
            return false;
        var value = trial.ValueAt(step)!.Value;
        // Rungs passed at earlier reports were decided then (the trial went on, or it would not be reporting now).
        var previous = trial.Intermediate.Where(r => r.Step < step).Select(r => r.Step).DefaultIfEmpty(-1).Max();
        var rung = 0;
        while (RungStep(rung) <= previous)
            rung++;
        var competitors = others.Where(t => t.Number != trial.Number).ToList();
        for (; RungStep(rung) <= step; rung++)
        {
            if (double.IsNaN(value))
                return true;
            var competing = competitors.Select(t => RungValue(t, rung)).Where(v => v is not null).Select(v => v!.Value).ToList();
            competing.Add(value);
            if (!IsPromotable(value, competing, direction))
                return true;
        }
        return false;
    }

    /// <summary>A trial's value at a rung: its report at the first reported step at or past the rung's step, if any and not NaN.</summary>
    private double? RungValue(TrialRecord trial, int rung)
    {
        var rungStep = RungStep(rung);
        foreach (var report in trial.Intermediate)
            if (report.Step >= rungStep)
                return double.IsNaN(report.Value) ? null : report.Value;
        return null;
    }

    // Among the best ⌊n/η⌋ of the rung (the best one while fewer than η trials reached it: no trial waits to be promoted later).
    private bool IsPromotable(double value, List<double> competing, Direction direction)
    {
        var index = Math.Max(competing.Count / _reductionFactor - 1, 0);
        competing.Sort();
        return direction == Direction.Minimize ? value <= competing[index] : value >= competing[competing.Count - 1 - index];
    }
}
