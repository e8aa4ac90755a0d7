using Framework.Host.Tracking;

namespace Framework.Host.Sweeps;

/// <summary>Finds a sweep's parent run and each trial's runs in a tracking store, by the tags in <see cref="SweepTags"/>.</summary>
/// <param name="store">The store.</param>
/// <param name="experimentId">The MLflow experiment the sweep lives in.</param>
/// <param name="sweepId">The sweep's id.</param>
internal sealed class SweepRunLookup(ITrackingStore store, string experimentId, string sweepId)
{
    /// <summary>The sweep's parent run, or null when the sweep never started.</summary>
    public RunInfo? Parent() => store.FindRunByTag(experimentId, SweepTags.Parent, sweepId);

    /// <summary>A trial's latest attempt: its number (0 when none) and run.</summary>
    public (int Attempt, RunInfo? Run) Latest(string trialId)
    {
        RunInfo? latest = null;
        int attempt = 0;
        // Attempts are numbered from 1 without gaps; each has its own unique lookup key.
        while (store.FindRunByTag(experimentId, SweepTags.TrialKey, SweepTags.TrialKeyOf(sweepId, trialId, attempt + 1)) is { } run)
        {
            latest = run;
            attempt++;
        }

        return (attempt, latest);
    }

    /// <summary>A trial's state; with <paramref name="withMetrics"/> also the latest value of each of its metrics.</summary>
    public TrialState State(int index, string trialId, bool withMetrics)
    {
        var (attempts, run) = Latest(trialId);
        if (run is null)
            return new TrialState(index, trialId, 0, null, new Dictionary<string, string>(), new Dictionary<string, double>());
        var data = store.GetRunData(run.RunId);
        var metrics = withMetrics ? FinalMetrics(run.RunId) : new Dictionary<string, double>();
        return new TrialState(index, trialId, attempts, run, data.Tags, metrics);
    }

    /// <summary>Every trial's state, by index.</summary>
    public IReadOnlyList<TrialState> States(IEnumerable<(int Index, string TrialId)> trials, bool withMetrics) =>
        trials.Select(t => State(t.Index, t.TrialId, withMetrics)).ToList();

    /// <summary>The latest value of each metric, as MLflow shows it.</summary>
    private Dictionary<string, double> FinalMetrics(string runId) => LatestMetrics.Of(store.GetMetricHistory(runId));
}
