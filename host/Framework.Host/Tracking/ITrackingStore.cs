namespace Framework.Host.Tracking;

/// <summary>
/// One MLflow backend (the SQLite file, a tracking server): the synchronous operations that
/// <see cref="QueuedRunTracker"/> calls from its writer thread and that <c>sync</c> uses to copy runs.
/// </summary>
/// <remarks>
/// Implementations throw <see cref="TrackingStoreUnavailableException"/> when the backend does not answer (the caller
/// may retry later) and <see cref="TrackingException"/> when it refuses (a changed param value, a deleted experiment).
/// </remarks>
internal interface ITrackingStore : IDisposable
{
    /// <summary>The tracking URI, for messages and summaries.</summary>
    string Location { get; }

    /// <summary>Finds an active experiment by name, creating it when missing.</summary>
    ExperimentInfo GetOrCreateExperiment(string name);

    /// <summary>Creates a RUNNING run.</summary>
    RunInfo CreateRun(NewRun run);

    /// <summary>Reads a run; throws <see cref="TrackingException"/> when there is none with that id.</summary>
    RunInfo GetRun(string runId);

    /// <summary>A run's params and tags.</summary>
    RunData GetRunData(string runId);

    /// <summary>Every metric point of a run, all keys.</summary>
    IReadOnlyList<MetricPoint> GetMetricHistory(string runId);

    /// <summary>The first run of an experiment that carries tag <paramref name="key"/> = <paramref name="value"/>, or null.</summary>
    RunInfo? FindRunByTag(string experimentId, string key, string value);

    /// <summary>Writes metrics, params and tags of one run; duplicates of existing metric points are ignored.</summary>
    void LogBatch(
        string runId,
        IReadOnlyList<MetricPoint> metrics,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<KeyValuePair<string, string>> tags);

    /// <summary>
    /// Links datasets to a run as MLflow's <c>log_inputs</c> does: a dataset already in the run's experiment with the same
    /// name and digest is reused, a link the run already has is left as it is (with its tags), so logging again adds nothing.
    /// </summary>
    void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs);

    /// <summary>Sets a run's status and end time (null while running).</summary>
    void UpdateRun(string runId, RunStatus status, long? endTimeMs);

    /// <summary>Stores a copy of a local file among the run's artifacts; the file may change once this returns.</summary>
    void LogArtifact(RunInfo run, string localPath, string artifactPath);

    /// <summary>Every artifact file of a run, recursively.</summary>
    IReadOnlyList<ArtifactFile> ListArtifacts(RunInfo run);
}
