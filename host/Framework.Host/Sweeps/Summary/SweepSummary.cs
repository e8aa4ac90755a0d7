namespace Framework.Host.Sweeps.Summary;

/// <summary>
/// What a sweep found: each trial's result, each configuration's mean and standard deviation over its seeds, and the
/// best trial, ranked by one metric. Computed only from what the tracking store holds.
/// </summary>
/// <param name="Metric">The metric that ranks trials.</param>
/// <param name="Maximize">Whether higher is better.</param>
/// <param name="Trials">Every trial, by index.</param>
/// <param name="Configurations">Every configuration, in order of first trial.</param>
/// <param name="Best">The best FINISHED trial, or null when none logged the metric.</param>
internal sealed record SweepSummary(
    string Metric,
    bool Maximize,
    IReadOnlyList<TrialRow> Trials,
    IReadOnlyList<ConfigurationRow> Configurations,
    TrialRow? Best)
{
    /// <summary>Metrics the summary ranks by when the sweep names none, in order of preference, with their goals.</summary>
    private static readonly (string Metric, bool Maximize)[] DefaultMetrics =
    [
        ("test/loglik", true), ("test/iwae_loglik", true), ("test/neg_elbo", false), ("test/pseudo_loglik", true), ("train/loss", false),
    ];

    /// <summary>The number of trials in each state (<c>FINISHED</c>, <c>FAILED</c>, ..., <c>-</c> for never started).</summary>
    public IReadOnlyDictionary<string, int> StateCounts =>
        Trials.GroupBy(t => t.State.StatusName).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Whether every trial is done (FINISHED, or pruned by the sweep's pruner) and a search has proposed all of its trials.</summary>
    public bool AllFinished => Trials.All(t => t.State.IsDone) && Trials.Count >= PlannedTrials;

    /// <summary>The trials the sweep will have when complete (a search proposes them as it goes).</summary>
    public int PlannedTrials { get; init; }

    /// <summary>Builds the summary of a plan from its trials' states (read with metrics).</summary>
    public static SweepSummary Compute(SweepPlan plan, IReadOnlyList<TrialState> states)
    {
        var byIndex = states.ToDictionary(s => s.Index);
        var settings = plan.Spec.Settings;
        var finished = states.Where(s => s.IsFinished).ToList();
        var (metric, maximize) = ChooseMetric(settings, finished);

        var trials = plan.Trials.Select(t =>
        {
            var state = byIndex[t.Index];
            double? value = state.IsFinished && state.Metrics.TryGetValue(metric, out double v) && !double.IsNaN(v) ? v : null;
            return new TrialRow(t, state, value);
        }).ToList();

        var configurations = trials.GroupBy(t => t.Trial.ConfigurationId)
            .Select((group, i) => new ConfigurationRow(i + 1, group.Key,
                group.First().Trial.Overrides.Where(o => o.Key != SweepExpander.SeedKey).Select(o => KeyValuePair.Create(o.Key, o.Value)).ToList(),
                group.ToList(), Statistics(group)))
            .ToList();

        var ranked = trials.Where(t => t.Value is not null);
        var best = maximize ? ranked.MaxBy(t => t.Value) : ranked.MinBy(t => t.Value);
        return new SweepSummary(metric, maximize, trials, configurations, best) { PlannedTrials = plan.PlannedTrialCount };
    }

    private static (string Metric, bool Maximize) ChooseMetric(SweepSettings settings, IReadOnlyList<TrialState> finished)
    {
        string metric = !string.IsNullOrWhiteSpace(settings.Metric)
            ? settings.Metric.Trim()
            : DefaultMetrics.Select(d => d.Metric).FirstOrDefault(m => finished.Any(s => s.Metrics.ContainsKey(m))) ?? DefaultMetrics[0].Metric;
        bool maximize = settings.Goal switch
        {
            SweepGoal.Maximize => true,
            SweepGoal.Minimize => false,
            _ => Training.MetricDirection.HigherIsBetter(metric),
        };
        return (metric, maximize);
    }

    private static Dictionary<string, MetricStatistics> Statistics(IEnumerable<TrialRow> trials)
    {
        var finished = trials.Where(t => t.State.IsFinished).ToList();
        return finished.SelectMany(t => t.State.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .Select(key => (key, values: finished.Select(t => t.State.Metrics.TryGetValue(key, out double v) ? v : double.NaN).Where(double.IsFinite).ToList()))
            .Where(m => m.values.Count > 0)
            .ToDictionary(m => m.key, m => MetricStatistics.Of(m.values), StringComparer.Ordinal);
    }
}
