using System.Globalization;

namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// The cadence of MLflow's system metrics monitor: a sample every <see cref="SamplingInterval"/> (10 s), the mean of
/// <see cref="SamplesBeforeLogging"/> samples (1) logged at each step, keys under <c>system/</c> or
/// <c>system/&lt;node id&gt;/</c>; read from the environment variables MLflow's client reads.
/// </summary>
internal sealed record SystemMetricsOptions(TimeSpan SamplingInterval, int SamplesBeforeLogging, string Prefix)
{
    public const string IntervalVariable = "MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL";
    public const string SamplesVariable = "MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING";
    public const string NodeIdVariable = "MLFLOW_SYSTEM_METRICS_NODE_ID";

    public static SystemMetricsOptions Default { get; } = new(TimeSpan.FromSeconds(10), 1, "system/");

    /// <summary>
    /// Reads the variables as MLflow does (<c>VARIABLE.get() or default</c>: unset, empty or 0 means the default; the
    /// interval is a float of seconds, the count an integer); text that is not a positive number is an error.
    /// </summary>
    public static SystemMetricsOptions FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var seconds = Read(environment, IntervalVariable, Default.SamplingInterval.TotalSeconds,
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null);
        var samples = Read(environment, SamplesVariable, Default.SamplesBeforeLogging,
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);
        var node = environment(NodeIdVariable);
        return new(TimeSpan.FromSeconds(seconds), samples, string.IsNullOrEmpty(node) ? "system/" : $"system/{node}/");
    }

    private static T Read<T>(Func<string, string?> environment, string name, T fallback, Func<string, T?> parse)
        where T : struct, IComparable<T>
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        var value = parse(text.Trim());
        if (value is not { } number || number.CompareTo(default) < 0)
            throw new ArgumentException($"{name}='{text}' is not a positive number; MLflow reads it as " +
                                        (typeof(T) == typeof(int) ? "a whole number of samples." : "seconds (e.g. 10 or 0.5)."));
        return number.CompareTo(default) == 0 ? fallback : number;
    }
}
