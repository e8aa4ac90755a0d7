using Framework.Host.Tracking;

namespace Framework.Host.Training.Parts;

/// <summary>Where the training loop stands, shared with its parts: counters, the latest metrics, the tracker and a
/// request to stop.</summary>
internal sealed class LoopState(IRunTracker tracker, int epochs)
{
    public IRunTracker Tracker { get; } = tracker;

    public int Epochs { get; } = epochs;

    /// <summary>The latest value of every metric logged so far (for the summary and early stopping).</summary>
    public Dictionary<string, double> Latest { get; } = new(StringComparer.Ordinal);

    /// <summary>Training steps completed.</summary>
    public long GlobalStep { get; set; }

    /// <summary>The epoch in progress (0-based).</summary>
    public int Epoch { get; set; }

    /// <summary>Why a part asked the loop to end after this epoch (early stopping), or null.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The epoch (1-based) after which a part asked to stop.</summary>
    public int StoppedAfterEpoch { get; private set; }

    /// <summary>Whether the stop was a sweep's pruner's: the run ends KILLED, without a final evaluation.</summary>
    public bool Pruned { get; private set; }

    /// <summary>Asks the loop to end once the current epoch's evaluation and checkpoint are done.</summary>
    public void RequestStop(string reason, bool pruned = false)
    {
        if (StopReason is not null)
            return;
        StopReason = reason;
        StoppedAfterEpoch = Epoch + 1;
        Pruned = pruned;
    }

    /// <summary>Logs metrics at the current step and remembers them as the latest values.</summary>
    public void Log(IReadOnlyDictionary<string, double> metrics)
    {
        if (metrics.Count == 0)
            return;
        Tracker.LogMetrics(metrics, GlobalStep);
        foreach (var (name, value) in metrics)
            Latest[name] = value;
    }
}
