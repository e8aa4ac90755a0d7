namespace Framework.Benchmarks.Vae;

/// <summary>The process's peak resident set size (VmHWM), the figure Python's ru_maxrss reports, and where memory sits now.</summary>
internal static class PeakMemory
{
    public static double Megabytes() => Status("VmHWM");

    /// <summary>The current resident set, the managed heap's committed memory and the anonymous (heap) part of RSS, for finding where memory goes.</summary>
    public static string Breakdown() =>
        $"RSS {Status("VmRSS"):F0} MB (anonymous {Status("RssAnon"):F0}, files {Status("RssFile"):F0}), managed heap committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F0} MB";

    /// <summary>Asks glibc to return free heap memory to the system (diagnostics: what it frees was fragmentation, not live data).</summary>
    public static void TrimHeap() => malloc_trim(0);

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int malloc_trim(nuint pad);

    private static double Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kilobytes = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
