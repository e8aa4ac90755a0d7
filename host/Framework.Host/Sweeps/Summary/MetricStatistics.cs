namespace Framework.Host.Sweeps.Summary;

/// <summary>Mean and sample standard deviation of one metric over a configuration's seed repeats.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n - 1), or null with fewer than two values.</param>
/// <param name="Count">How many values.</param>
internal sealed record MetricStatistics(double Mean, double? StandardDeviation, int Count)
{
    public static MetricStatistics Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("No values.", nameof(values));
        double mean = values.Average();
        double? deviation = values.Count < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new MetricStatistics(mean, deviation, values.Count);
    }
}
