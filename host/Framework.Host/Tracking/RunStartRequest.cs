namespace Framework.Host.Tracking;

/// <summary>What a tracking store needs to create (or re-open) a run.</summary>
/// <param name="ExperimentName">The MLflow experiment; created when missing.</param>
/// <param name="RunName">The run's display name (tag <c>mlflow.runName</c>).</param>
/// <param name="Tags">Tags to set at creation.</param>
/// <param name="ParentRunId">The parent run (a sweep), or null.</param>
/// <param name="ResumeRunId">An existing run to continue (resume after a kill), or null for a new run.</param>
internal sealed record RunStartRequest(
    string ExperimentName,
    string RunName,
    IReadOnlyDictionary<string, string> Tags,
    string? ParentRunId = null,
    string? ResumeRunId = null)
{
    /// <summary>Whether to log MLflow's system metrics (CPU, memory, disk, network, GPUs) while the run is open.</summary>
    public bool SystemMetrics { get; init; }
}
