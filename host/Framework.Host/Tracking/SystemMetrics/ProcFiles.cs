using System.Globalization;

namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>Small readers of Linux's /proc files, the sources psutil (and so MLflow's monitor) reads.</summary>
internal static class ProcFiles
{
    /// <summary>The whitespace-separated numbers of a line after its label (<c>cpu  10 20 ...</c>).</summary>
    public static long[] Numbers(string line, int skip)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Skip(skip).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The values of <c>/proc/meminfo</c> in bytes, by name (<c>MemTotal</c>, <c>MemFree</c>, ...).</summary>
    public static Dictionary<string, long> MemInfo(string path = "/proc/meminfo")
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var rest = line[(colon + 1)..].Trim();
            var kb = rest.EndsWith(" kB", StringComparison.Ordinal);
            if (long.TryParse(kb ? rest[..^3] : rest, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                values[line[..colon]] = kb ? value * 1024 : value;
        }

        return values;
    }
}
