namespace Framework.Host.Tracking;

/// <summary>One logged metric value.</summary>
/// <param name="Key">The metric name (<c>train/loss</c>).</param>
/// <param name="Value">The value; NaN and infinities are allowed and stored as MLflow stores them.</param>
/// <param name="TimestampMs">When it was logged, in milliseconds since the Unix epoch.</param>
/// <param name="Step">The global training step.</param>
internal readonly record struct MetricPoint(string Key, double Value, long TimestampMs, long Step);
