using Framework.Search;

namespace Framework.Host.Sweeps.Search;

/// <summary>The sweep's pruner and sampler from its settings, and whether a trial was pruned.</summary>
internal static class Pruning
{
    /// <summary>Whether a run's tags say the sweep's pruner stopped it (the tags are the trainer's, <see cref="Training.PruningHook"/>).</summary>
    public static bool IsPruned(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Training.PruningHook.PrunedTag, out var value) && value == "true";

    public static IPruner CreatePruner(SweepSettings settings)
    {
        var p = settings.Pruning;
        return settings.Pruner switch
        {
            PrunerKind.Median => new MedianPruner(startupTrials: p.StartupTrials, warmupSteps: p.WarmupEpochs),
            PrunerKind.Asha => new SuccessiveHalvingPruner(minResource: p.MinResource, reductionFactor: p.ReductionFactor),
            _ => new NopPruner(),
        };
    }

    public static ISampler CreateSampler(SweepSettings settings)
    {
        // The samplers take an int seed; fold the sweep's 64-bit seed so every bit of it matters.
        int seed = unchecked((int)(settings.Seed ^ (settings.Seed >> 32)));
        return settings.Search == SearchKind.Tpe
            ? new TpeSampler(seed, new TpeSettings { Direction = DirectionOf(settings), StartupTrials = settings.StartupTrials, Multivariate = settings.Multivariate })
            : new RandomSampler(seed);
    }

    public static Direction DirectionOf(SweepSettings settings) => settings.Goal switch
    {
        SweepGoal.Maximize => Direction.Maximize,
        SweepGoal.Minimize => Direction.Minimize,
        _ => Training.MetricDirection.HigherIsBetter(settings.Metric) ? Direction.Maximize : Direction.Minimize,
    };

    public static string Describe(SweepSettings settings) => settings.Pruner switch
    {
        PrunerKind.Median => "the median rule",
        PrunerKind.Asha => "asynchronous successive halving",
        _ => "no pruner",
    };
}
