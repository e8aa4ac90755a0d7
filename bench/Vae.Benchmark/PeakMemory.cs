namespace Framework.Benchmarks.Vae;

/// <summary>The process's peak resident set size (VmHWM), the figure Python's ru_maxrss reports.</summary>
internal static class PeakMemory
{
    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
