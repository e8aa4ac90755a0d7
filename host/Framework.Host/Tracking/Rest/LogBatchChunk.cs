namespace Framework.Host.Tracking.Rest;

/// <summary>One log-batch request's worth of values, within the server's limits.</summary>
internal sealed record LogBatchChunk(
    IReadOnlyList<MetricPoint> Metrics,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    IReadOnlyList<KeyValuePair<string, string>> Tags);
