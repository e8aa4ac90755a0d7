namespace Framework.Host.Tests.Tracking.Support;

/// <summary>What the in-test MLflow server holds; it outlives a server stop, as a real server's database does.</summary>
internal sealed class FakeMlflowState
{
    public Lock Gate { get; } = new();

    public Dictionary<string, (string Name, string Stage)> Experiments { get; } = new() { ["0"] = ("Default", "active") };

    public Dictionary<string, FakeRun> Runs { get; } = new();

    /// <summary>The datasets table: one row per (experiment, name, digest).</summary>
    public List<FakeDataset> Datasets { get; } = new();

    /// <summary>The inputs and input_tags tables: one link per (dataset, run) with its tags.</summary>
    public List<(string DatasetUuid, string RunId, Dictionary<string, string> Tags)> Inputs { get; } = new();

    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    public List<RecordedRequest> Requests { get; } = new();

    /// <summary>Statuses to answer the next requests with instead of serving them (429, 503, ...).</summary>
    public Queue<int> FailNext { get; } = new();

    /// <summary>When set, requests without exactly this Authorization header get 401.</summary>
    public string? RequiredAuthorization { get; set; }

    public FakeRun Run(string runId)
    {
        lock (Gate)
        {
            return Runs[runId];
        }
    }

    public List<RecordedRequest> RequestsTo(string pathSuffix)
    {
        lock (Gate)
        {
            return Requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).ToList();
        }
    }
}

/// <summary>A dataset row on the in-test server.</summary>
internal sealed record FakeDataset(string Uuid, string ExperimentId, string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);

/// <summary>A request as the server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, int Status);

/// <summary>A run on the in-test server.</summary>
internal sealed class FakeRun
{
    public required string RunId { get; init; }

    public required string ExperimentId { get; init; }

    public required string Name { get; init; }

    public required long StartTime { get; init; }

    public required string UserId { get; init; }

    public string Status { get; set; } = "RUNNING";

    public long? EndTime { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    /// <summary>Every metric point in arrival order (duplicates ignored, as MLflow's SQL store does).</summary>
    public List<(string Key, double Value, long Timestamp, long Step)> Metrics { get; } = new();

    public string ArtifactUri => $"mlflow-artifacts:/{ExperimentId}/{RunId}/artifacts";
}
