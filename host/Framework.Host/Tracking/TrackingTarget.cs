namespace Framework.Host.Tracking;

/// <summary>Where a run is tracked, and where each choice came from (for messages and the run summary).</summary>
/// <param name="Uri">The tracking URI (<c>sqlite:///mlflow.db</c>, <c>http://host:5000</c>).</param>
/// <param name="UriSource">Where the URI came from: <c>tracking.uri</c>, <c>MLFLOW_TRACKING_URI</c> or <c>default</c>.</param>
/// <param name="ExperimentName">The MLflow experiment.</param>
/// <param name="ExperimentNameSource">Where the name came from: <c>tracking.experiment</c>, <c>MLFLOW_EXPERIMENT_NAME</c> or <c>experiment name</c>.</param>
internal sealed record TrackingTarget(string Uri, string UriSource, string ExperimentName, string ExperimentNameSource);
