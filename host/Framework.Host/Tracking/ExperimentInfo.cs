namespace Framework.Host.Tracking;

/// <summary>An MLflow experiment as a store holds it.</summary>
/// <param name="ExperimentId">An integer, as text.</param>
/// <param name="Name">The unique name.</param>
/// <param name="ArtifactLocation">The root under which its runs' artifacts go.</param>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>.</param>
internal sealed record ExperimentInfo(string ExperimentId, string Name, string ArtifactLocation, string LifecycleStage);
