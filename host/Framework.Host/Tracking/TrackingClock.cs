namespace Framework.Host.Tracking;

/// <summary>MLflow's time unit: milliseconds since the Unix epoch.</summary>
internal static class TrackingClock
{
    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
