namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// MLflow's CPU monitor from /proc: <c>cpu_utilization_percentage</c> (all cores, busy share of the time since the last
/// sample, as psutil.cpu_percent), <c>system_memory_usage_megabytes</c> and <c>system_memory_usage_percentage</c>
/// (psutil's <c>virtual_memory().used</c> and its share of the total); plus the training process's resident memory.
/// </summary>
/// <remarks>
/// MLflow does not pin psutil, and psutil 7.1 (2025) changed <c>used</c> on Linux to total - MemAvailable (psutil #2604,
/// #2612); an MLflow installed today reports that, so we do. Kernels without MemAvailable (before 3.14) get psutil's
/// older total - free - buffers - cached - SReclaimable.
/// </remarks>
internal sealed class CpuMemorySampler : ISystemSampler
{
    /// <summary>Our own key, not MLflow's: MLflow 2.17's monitors have no per-process metric, and a researcher asks what
    /// the training process itself holds. Logged under <c>system/</c> so that it shows in the UI's System Metrics tab.</summary>
    public const string ProcessRssKey = "process_rss_megabytes";

    private (long Busy, long Total)? _last;

    public CpuMemorySampler() => _last = CpuTimes();

    public bool LogsLatest => false;

    public void Sample(IDictionary<string, double> values)
    {
        var now = CpuTimes();
        if (_last is { } last && now.Total > last.Total)
            values["cpu_utilization_percentage"] = Math.Clamp(100.0 * (now.Busy - last.Busy) / (now.Total - last.Total), 0, 100);
        _last = now;

        var memory = ProcFiles.MemInfo();
        long total = memory["MemTotal"], free = memory["MemFree"];
        var used = memory.TryGetValue("MemAvailable", out var available)
            ? total - available
            : total - free - memory.GetValueOrDefault("Buffers") - memory.GetValueOrDefault("Cached") - memory.GetValueOrDefault("SReclaimable");
        if (used < 0)
            used = total - free;
        values["system_memory_usage_megabytes"] = used / 1e6;
        values["system_memory_usage_percentage"] = 100.0 * used / total;

        // statm: size resident shared ... in pages.
        var statm = File.ReadAllText("/proc/self/statm").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        values[ProcessRssKey] = long.Parse(statm[1], System.Globalization.CultureInfo.InvariantCulture) * (double)Environment.SystemPageSize / 1e6;
    }

    /// <summary>Busy and total jiffies of all cores, as psutil counts them (guest time is already inside user and nice).</summary>
    private static (long Busy, long Total) CpuTimes()
    {
        using var reader = new StreamReader("/proc/stat");
        var times = ProcFiles.Numbers(reader.ReadLine()!, skip: 1);
        // user nice system idle iowait irq softirq steal guest guest_nice
        long total = times.Take(8).Sum();
        long idle = times[3] + (times.Length > 4 ? times[4] : 0);
        return (total - idle, total);
    }

    public void Dispose()
    {
    }
}
