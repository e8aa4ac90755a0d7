namespace Framework.Host.Sweeps;

/// <summary>What a trial that failed (after its retries) does to the rest of the sweep.</summary>
internal enum FailurePolicy
{
    /// <summary>The other trials still run; the sweep ends FAILED with the failures listed.</summary>
    Continue,

    /// <summary>No further trial starts; running ones are stopped (checkpointed, KILLED) and the sweep ends FAILED.</summary>
    FailFast,
}
