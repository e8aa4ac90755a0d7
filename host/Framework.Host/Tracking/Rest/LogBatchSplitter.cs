using System.Text.Json;

namespace Framework.Host.Tracking.Rest;

/// <summary>
/// Splits metrics, params and tags into log-batch requests within MLflow's limits: 1000 metrics, 100 params,
/// 100 tags and 1000 items per request, and well under the 1 MB request limit.
/// </summary>
/// <remarks>
/// The server refuses a batch that names a param or tag key twice, so tags are reduced to their last value and
/// repeated identical params to one; a param repeated with another value is left for the server to refuse.
/// </remarks>
internal static class LogBatchSplitter
{
    // A generous per-item JSON overhead on top of the key and value lengths (quotes, names, numbers).
    private const int ItemOverheadBytes = 96;

    public static IReadOnlyList<LogBatchChunk> Split(
        IReadOnlyList<MetricPoint> metrics,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var lastTags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            lastTags[key] = value;
        }

        var uniqueParams = parameters.Distinct().ToList();
        var chunks = new List<LogBatchChunk>();
        var chunkMetrics = new List<MetricPoint>();
        var chunkParams = new List<KeyValuePair<string, string>>();
        var chunkTags = new List<KeyValuePair<string, string>>();
        var bytes = 0;

        void Close()
        {
            if (chunkMetrics.Count + chunkParams.Count + chunkTags.Count > 0)
            {
                chunks.Add(new LogBatchChunk(chunkMetrics, chunkParams, chunkTags));
                chunkMetrics = [];
                chunkParams = [];
                chunkTags = [];
                bytes = 0;
            }
        }

        bool Full(int itemBytes) =>
            chunkMetrics.Count + chunkParams.Count + chunkTags.Count >= MlflowLimits.MaxItemsPerBatch
            || bytes + itemBytes > MlflowLimits.MaxBatchRequestBytes;

        // Params and tags first: a run's configuration should reach the server before its first metrics.
        foreach (var param in uniqueParams)
        {
            var size = Size(param);
            if (chunkParams.Count >= MlflowLimits.MaxParamsPerBatch || Full(size))
            {
                Close();
            }

            chunkParams.Add(param);
            bytes += size;
        }

        foreach (var tag in lastTags)
        {
            var size = Size(tag);
            if (chunkTags.Count >= MlflowLimits.MaxTagsPerBatch || Full(size))
            {
                Close();
            }

            chunkTags.Add(tag);
            bytes += size;
        }

        foreach (var metric in metrics)
        {
            var size = JsonEncodedText.Encode(metric.Key).EncodedUtf8Bytes.Length + ItemOverheadBytes;
            if (chunkMetrics.Count >= MlflowLimits.MaxMetricsPerBatch || Full(size))
            {
                Close();
            }

            chunkMetrics.Add(metric);
            bytes += size;
        }

        Close();
        return chunks;
    }

    private static int Size(KeyValuePair<string, string> pair) =>
        JsonEncodedText.Encode(pair.Key).EncodedUtf8Bytes.Length + JsonEncodedText.Encode(pair.Value).EncodedUtf8Bytes.Length + ItemOverheadBytes;
}
