using Framework.Host.Tracking;

namespace Framework.Host.Tests.Support;

/// <summary>
/// A tracker that keeps everything in memory. A test double for trainer tests only: the tracking stores themselves are
/// tested against real SQLite files and a real HTTP server.
/// </summary>
internal sealed class RecordingTracker : IRunTracker
{
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");

    public Dictionary<string, string> Params { get; } = [];

    public Dictionary<string, string> Tags { get; } = [];

    public List<(string Key, double Value, long Step)> Metrics { get; } = [];

    public List<(string LocalPath, string ArtifactPath)> Artifacts { get; } = [];

    public List<DatasetInput> Inputs { get; } = [];

    public RunStatus? EndStatus { get; private set; }

    public int Flushes { get; private set; }

    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (k, v) in parameters) Params[k] = v;
    }

    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (k, v) in tags) Tags[k] = v;
    }

    public void LogMetrics(IReadOnlyDictionary<string, double> metrics, long step)
    {
        foreach (var (k, v) in metrics) Metrics.Add((k, v, step));
    }

    public void LogInputs(IReadOnlyList<DatasetInput> inputs) => Inputs.AddRange(inputs);

    public void LogArtifact(string localPath, string artifactPath) => Artifacts.Add((localPath, artifactPath));

    public void Flush() => Flushes++;

    public void End(RunStatus status) => EndStatus = status;

    public void Dispose()
    {
    }

    public IEnumerable<double> Values(string key) => Metrics.Where(m => m.Key == key).Select(m => m.Value);
}
