namespace Framework.Host.Training;

/// <summary>
/// Asks, after each evaluation during training, whether the run should stop because it is unpromising (a sweep's
/// pruner); the trainer knows nothing of sweeps beyond this question.
/// </summary>
/// <param name="Metric">The evaluation metric the question is about.</param>
/// <param name="Decide">Given the epoch (1-based) and the metric's value there: the reason to stop, or null to go on.</param>
internal sealed record PruningHook(string Metric, Func<int, double, string?> Decide)
{
    /// <summary>On a pruned run (status KILLED): <c>true</c>.</summary>
    public const string PrunedTag = "framework.pruned";

    /// <summary>On a pruned run: the epoch (1-based) whose evaluation it was pruned at.</summary>
    public const string EpochTag = "framework.pruned.epoch";

    /// <summary>On a pruned run: the pruner's reason, in words.</summary>
    public const string ReasonTag = "framework.pruned.reason";
}
