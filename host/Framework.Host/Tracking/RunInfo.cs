namespace Framework.Host.Tracking;

/// <summary>What a store knows about a run, apart from its params, tags and metrics.</summary>
/// <param name="RunId">32 lowercase hex characters.</param>
/// <param name="ExperimentId">The experiment's id (an integer, as text).</param>
/// <param name="RunName">The display name.</param>
/// <param name="ArtifactUri">Where the run's artifacts live (a local path, or <c>mlflow-artifacts:/...</c> on a server).</param>
/// <param name="Status">The lifecycle state.</param>
/// <param name="StartTimeMs">Start, in milliseconds since the Unix epoch.</param>
/// <param name="EndTimeMs">End, or null while running.</param>
/// <param name="UserId">The user column (MLflow fills it from <c>mlflow.user</c>).</param>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>.</param>
internal sealed record RunInfo(
    string RunId,
    string ExperimentId,
    string RunName,
    string ArtifactUri,
    RunStatus Status,
    long StartTimeMs,
    long? EndTimeMs,
    string UserId,
    string LifecycleStage = "active");
