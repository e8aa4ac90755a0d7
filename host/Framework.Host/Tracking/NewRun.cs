namespace Framework.Host.Tracking;

/// <summary>What a store needs to create a run row.</summary>
/// <param name="ExperimentId">The experiment it belongs to.</param>
/// <param name="RunName">The display name (also the tag <c>mlflow.runName</c>).</param>
/// <param name="StartTimeMs">Start, in milliseconds since the Unix epoch.</param>
/// <param name="UserId">The user column.</param>
/// <param name="Tags">Tags set with the run.</param>
internal sealed record NewRun(
    string ExperimentId,
    string RunName,
    long StartTimeMs,
    string UserId,
    IReadOnlyDictionary<string, string> Tags);
