using Framework.Host.Tracking;

namespace Framework.Host.Sweeps;

/// <summary>What the tracking store says about one trial: its latest attempt's run, if any.</summary>
/// <param name="Index">The trial's index.</param>
/// <param name="TrialId">The trial's id.</param>
/// <param name="Attempts">How many attempts (runs) it has had.</param>
/// <param name="Run">The latest attempt's run, or null when the trial never started.</param>
/// <param name="Tags">The latest run's tags (empty when none).</param>
/// <param name="Metrics">The latest value of each metric of the latest run (empty unless asked for).</param>
internal sealed record TrialState(
    int Index,
    string TrialId,
    int Attempts,
    RunInfo? Run,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The run's status, or null when the trial never started.</summary>
    public RunStatus? Status => Run?.Status;

    /// <summary>Whether the trial ran to its end.</summary>
    public bool IsFinished => Status == RunStatus.Finished;

    /// <summary>Whether the sweep's pruner stopped it (KILLED with <c>framework.pruned</c>): done, but without a final result.</summary>
    public bool IsPruned => Status == RunStatus.Killed && Search.Pruning.IsPruned(Tags);

    /// <summary>Whether the trial is done and need not run again: finished or pruned.</summary>
    public bool IsDone => IsFinished || IsPruned;

    /// <summary>Why the latest attempt failed (its <c>framework.error</c> tag), or null.</summary>
    public string? Error => Tags.GetValueOrDefault(MlflowTagKeys.Error);

    /// <summary>The status as MLflow names it, or <c>-</c>.</summary>
    public string StatusName => IsPruned ? "PRUNED" : Status?.ToString().ToUpperInvariant() ?? "-";
}
