namespace Framework.Host.Tracking;

/// <summary>The seam the trainer logs one run through: params, metrics with step, tags, artifacts and status.</summary>
/// <remarks>
/// Calls return quickly: implementations queue and write off the training thread. They never throw for a store
/// outage during a run (they spool and report); they throw <see cref="ArgumentException"/> for values the store
/// cannot hold. <see cref="End"/> flushes everything and records the final status and end time.
/// </remarks>
internal interface IRunTracker : IDisposable
{
    /// <summary>The store's id of the run.</summary>
    string RunId { get; }

    /// <summary>Logs write-once parameters (dotted keys, string values).</summary>
    void LogParams(IReadOnlyDictionary<string, string> parameters);

    /// <summary>Sets tags (overwriting earlier values).</summary>
    void SetTags(IReadOnlyDictionary<string, string> tags);

    /// <summary>Logs metric values at a global training step, timestamped now.</summary>
    void LogMetrics(IReadOnlyDictionary<string, double> metrics, long step);

    /// <summary>Logs the datasets the run reads (MLflow dataset inputs); logging the same ones again adds nothing.</summary>
    void LogInputs(IReadOnlyList<DatasetInput> inputs);

    /// <summary>Stores a file as an artifact under a relative path (folders separated by '/').</summary>
    void LogArtifact(string localPath, string artifactPath);

    /// <summary>Blocks until everything logged so far is written (or spooled).</summary>
    void Flush();

    /// <summary>Flushes and ends the run with a status and end time.</summary>
    void End(RunStatus status);
}
