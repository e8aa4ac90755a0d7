namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// MLflow's network monitor: bytes received and sent by all interfaces (loopback included, as psutil.net_io_counters
/// counts them) since the monitor started, from /proc/net/dev. A running total: the latest sample is logged.
/// </summary>
internal sealed class NetworkSampler : ISystemSampler
{
    private readonly (long Received, long Sent) _start = Totals();

    public bool LogsLatest => true;

    public void Sample(IDictionary<string, double> values)
    {
        var now = Totals();
        values["network_receive_megabytes"] = (now.Received - _start.Received) / 1e6;
        values["network_transmit_megabytes"] = (now.Sent - _start.Sent) / 1e6;
    }

    /// <summary>Sums the receive and transmit byte counters of every interface (the first and ninth numbers after "name:").</summary>
    internal static (long Received, long Sent) Totals(string path = "/proc/net/dev")
    {
        long received = 0, sent = 0;
        foreach (var line in File.ReadLines(path).Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                continue;
            var counters = ProcFiles.Numbers(line[(colon + 1)..], skip: 0);
            received += counters[0];
            sent += counters[8];
        }

        return (received, sent);
    }

    public void Dispose()
    {
    }
}
