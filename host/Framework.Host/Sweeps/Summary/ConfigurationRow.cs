namespace Framework.Host.Sweeps.Summary;

/// <summary>One configuration (the trials that differ only in their seed) in the summary.</summary>
/// <param name="Number">Its number in the summary, from 1 (the plot's x axis).</param>
/// <param name="ConfigurationId">The configuration hash.</param>
/// <param name="Values">Its swept values, seed excluded.</param>
/// <param name="Trials">Its trials (one per seed repeat).</param>
/// <param name="Metrics">Per final metric of its FINISHED trials: mean, standard deviation (null for one value) and count.</param>
internal sealed record ConfigurationRow(
    int Number,
    string ConfigurationId,
    IReadOnlyList<KeyValuePair<string, string>> Values,
    IReadOnlyList<TrialRow> Trials,
    IReadOnlyDictionary<string, MetricStatistics> Metrics)
{
    /// <summary>How many of its trials FINISHED.</summary>
    public int Finished => Trials.Count(t => t.State.IsFinished);
}
