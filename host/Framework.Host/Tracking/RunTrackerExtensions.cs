namespace Framework.Host.Tracking;

/// <summary>Conveniences over <see cref="IRunTracker"/> that every store gets.</summary>
internal static class RunTrackerExtensions
{
    /// <summary>Records <paramref name="error"/> as the tags <c>framework.error</c> and <c>framework.error.type</c> and ends the run FAILED.</summary>
    public static void Fail(this IRunTracker tracker, Exception error)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(error);
        tracker.SetTags(QueuedRunTracker.ErrorTags(error));
        tracker.End(RunStatus.Failed);
    }

    /// <summary>Logs one metric at a step.</summary>
    public static void LogMetric(this IRunTracker tracker, string key, double value, long step)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        tracker.LogMetrics(new Dictionary<string, double>(1) { [key] = value }, step);
    }
}
