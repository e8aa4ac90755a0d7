namespace Framework.Host.Tracking;

/// <summary>What MLflow shows as a run's metric values: for each key the point with the greatest step, then the latest
/// timestamp (its latest_metrics rule).</summary>
internal static class LatestMetrics
{
    public static Dictionary<string, double> Of(IEnumerable<MetricPoint> history) =>
        history.GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => (p.Step, p.TimestampMs)).Value, StringComparer.Ordinal);
}
