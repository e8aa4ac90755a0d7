namespace Framework.Host.Tracking;

/// <summary>One item of <see cref="QueuedRunTracker"/>'s queue.</summary>
internal abstract record TrackingRecord
{
    /// <summary>Metric points from one <c>LogMetrics</c> call.</summary>
    public sealed record Metrics(MetricPoint[] Points) : TrackingRecord;

    /// <summary>Params from one <c>LogParams</c> call.</summary>
    public sealed record Params(KeyValuePair<string, string>[] Values) : TrackingRecord;

    /// <summary>Tags from one <c>SetTags</c> call.</summary>
    public sealed record Tags(KeyValuePair<string, string>[] Values) : TrackingRecord;

    /// <summary>Dataset inputs from one <c>LogInputs</c> call.</summary>
    public sealed record Inputs(DatasetInput[] Values) : TrackingRecord;

    /// <summary>Write everything before this, then complete <paramref name="Done"/>.</summary>
    public sealed record Flush(TaskCompletionSource Done) : TrackingRecord;
}
