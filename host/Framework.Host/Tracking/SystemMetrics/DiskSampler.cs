namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// MLflow's disk monitor: the root file system as psutil.disk_usage("/") reports it. <c>disk_usage_megabytes</c> is
/// total - free (free to root), <c>disk_available_megabytes</c> is what an ordinary user may still write, and the
/// percentage is used / (used + available).
/// </summary>
internal sealed class DiskSampler : ISystemSampler
{
    private readonly DriveInfo _root = new(Path.GetPathRoot(Environment.CurrentDirectory) ?? "/");

    public bool LogsLatest => false;

    public void Sample(IDictionary<string, double> values)
    {
        long used = _root.TotalSize - _root.TotalFreeSpace;
        long available = _root.AvailableFreeSpace;
        values["disk_usage_percentage"] = used + available > 0 ? 100.0 * used / (used + available) : 0;
        values["disk_usage_megabytes"] = used / 1e6;
        values["disk_available_megabytes"] = available / 1e6;
    }

    public void Dispose()
    {
    }
}
