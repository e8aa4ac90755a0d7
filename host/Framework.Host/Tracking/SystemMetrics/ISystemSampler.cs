namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>One source of system metrics (CPU and memory, disk, network, GPUs), read once per sampling interval.</summary>
internal interface ISystemSampler : IDisposable
{
    /// <summary>True when the logged value is the latest sample (a running total), false when it is the mean of the samples.</summary>
    bool LogsLatest { get; }

    /// <summary>Reads the current values under MLflow's key names without the <c>system/</c> prefix.</summary>
    void Sample(IDictionary<string, double> values);
}
