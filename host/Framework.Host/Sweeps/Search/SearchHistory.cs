using Framework.Host.Tracking;
using Framework.Search;
using SearchTrialState = Framework.Search.TrialState;

namespace Framework.Host.Sweeps.Search;

/// <summary>
/// What a search knows of its trials, rebuilt from the tracking store alone (so a killed sweep, another Slurm task or a
/// trial deciding whether to stop sees what the launcher would): each trial's values, its state, its final value of the
/// sweep's metric and that metric at each evaluation, by epoch.
/// </summary>
internal static class SearchHistory
{
    /// <summary>The trials' records.</summary>
    /// <param name="runs">Finds each trial's latest attempt.</param>
    /// <param name="store">Holds their tags and metric histories.</param>
    /// <param name="space">The search space (how a value's text reads back).</param>
    /// <param name="metric">The sweep's metric.</param>
    /// <param name="trials">The trials proposed so far: index, id and the overrides they run with.</param>
    public static List<TrialRecord> Read(SweepRunLookup runs, ITrackingStore store, SearchSpace space, string metric,
        IEnumerable<(int Index, string Id, IReadOnlyList<TrialOverride> Overrides)> trials)
    {
        var records = new List<TrialRecord>();
        foreach (var (index, id, overrides) in trials)
        {
            var values = SweepSearchSpace.Values(space, overrides.Select(o => KeyValuePair.Create(o.Key, o.Value)));
            var (_, run) = runs.Latest(id);
            if (run is null)
            {
                // Proposed and launched, not yet started: a pending trial, which TPE keeps away from.
                records.Add(new TrialRecord(index, values, SearchTrialState.Running, null, []));
                continue;
            }

            var history = store.GetMetricHistory(run.RunId);
            var intermediate = Intermediate(history, metric);
            var state = run.Status switch
            {
                RunStatus.Finished => SearchTrialState.Complete,
                RunStatus.Failed => SearchTrialState.Failed,
                RunStatus.Killed when Pruning.IsPruned(store.GetRunData(run.RunId).Tags) => SearchTrialState.Pruned,
                _ => SearchTrialState.Running,
            };
            double? value = null;
            if (state == SearchTrialState.Complete)
            {
                if (LatestMetrics.Of(history).TryGetValue(metric, out double final) && double.IsFinite(final))
                    value = final;
                else
                    state = SearchTrialState.Failed;  // finished without the metric: nothing to learn from it
            }

            records.Add(new TrialRecord(index, values, state, value, intermediate));
        }

        return records;
    }

    /// <summary>The metric at each evaluation, by the epoch (1-based) logged at the same step.</summary>
    public static List<IntermediateValue> Intermediate(IReadOnlyList<MetricPoint> history, string metric)
    {
        var epochs = new Dictionary<long, int>();
        foreach (var point in history.Where(p => p.Key == "epoch"))
            epochs[point.Step] = (int)point.Value;
        return history.Where(p => p.Key == metric && double.IsFinite(p.Value) && epochs.ContainsKey(p.Step))
            .OrderBy(p => p.Step).ThenBy(p => p.TimestampMs)
            .Select(p => new IntermediateValue(epochs[p.Step], p.Value))
            .ToList();
    }
}
