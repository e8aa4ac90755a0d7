namespace Framework.Host.Tracking;

/// <summary>Params ready for MLflow.</summary>
/// <param name="Values">Keys and values to log, each value within MLflow's limit.</param>
/// <param name="LongValueArtifacts">Artifact path and full text of every value that was replaced by its hash.</param>
internal sealed record PreparedParameters(
    IReadOnlyList<KeyValuePair<string, string>> Values,
    IReadOnlyList<KeyValuePair<string, string>> LongValueArtifacts);
