using Framework.Host.Tracking.Rest;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking.Sync;

/// <summary>
/// <c>sync SOURCE DEST</c>: copies experiments and runs (params, tags, full metric history, artifacts, status, parent
/// links remapped) from a local MLflow SQLite file to a server or another SQLite file, or delivers a spool file that a
/// run left when its server was unreachable.
/// </summary>
/// <remarks>
/// Idempotent: every copied run carries the tag <c>framework.sync.source_run_id</c> (the id of the run it started as,
/// kept through chains of syncs), and only what the destination lacks is sent, so a second sync copies nothing and a
/// sync after a run grew copies only the new part. Params that differ are reported, never overwritten.
/// </remarks>
internal sealed class TrackingSync
{
    private readonly TrackingStoreFactory _factory;
    private readonly ILogger _logger;

    public TrackingSync(TrackingStoreFactory factory, ILogger logger)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">An SQLite URI or file path (an MLflow database or a <c>*.spool.db</c> file).</param>
    /// <param name="destination">A tracking URI (<c>http(s)://...</c> or <c>sqlite:///...</c>).</param>
    /// <param name="cancellationToken">Stops between runs.</param>
    public SyncReport Run(string source, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var sourcePath = TrackingUri.IsSqlite(source) ? TrackingUri.SqlitePath(source, Directory.GetCurrentDirectory()) : Path.GetFullPath(source);
        if (!File.Exists(sourcePath))
        {
            throw new ArgumentException($"The sync source '{source}' does not exist; give an MLflow SQLite file (mlflow.db) or a spool file.", nameof(source));
        }

        if (RequestSpool.IsSpool(sourcePath))
        {
            return DeliverSpool(sourcePath, destination);
        }

        using var from = SqliteTrackingStore.Open(sourcePath);
        using var to = _factory.OpenStore(destination, spooled: false);
        if (to is SqliteTrackingStore sqlite && sqlite.DatabasePath == from.DatabasePath)
        {
            throw new ArgumentException($"The sync source and destination are the same file ({from.DatabasePath}).", nameof(destination));
        }

        return Copy(from, to, cancellationToken);
    }

    private SyncReport DeliverSpool(string spoolPath, string destination)
    {
        if (!TrackingUri.IsHttp(destination))
        {
            throw new ArgumentException($"'{spoolPath}' is a spool of writes for an MLflow server; its destination must be that server (http(s)://...), not '{destination}'.", nameof(destination));
        }

        var client = new MlflowRestClient(new Uri(destination), _factory.RestOptions ?? RestClientOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        using var spool = RequestSpool.Open(spoolPath, new Uri(destination).AbsoluteUri.TrimEnd('/'));
        using (client)
        {
            long delivered = 0;
            while (spool.Peek(64) is { Count: > 0 } batch)
            {
                foreach (var request in batch)
                {
                    try
                    {
                        client.Send(request, retry: true);
                    }
                    catch (TrackingStoreUnavailableException ex)
                    {
                        _logger.LogWarning("MLflow server {Server} is unavailable ({Reason}); {Count} spooled writes stay in {Spool}", destination, ex.Message, spool.Count, spoolPath);
                        return new SyncReport { SpooledWritesDelivered = delivered, SpooledWritesLeft = spool.Count };
                    }
                    catch (MlflowApiException ex)
                    {
                        _logger.LogError("MLflow server {Server} refused {Request}: {Message}", destination, request.Description, ex.Message);
                    }

                    spool.Remove(request);
                    delivered++;
                }
            }

            return new SyncReport { SpooledWritesDelivered = delivered };
        }
    }

    private SyncReport Copy(SqliteTrackingStore from, ITrackingStore to, CancellationToken cancellationToken)
    {
        var report = new SyncReport();
        var conflicts = new List<string>();
        var experiments = from.ListExperiments().Where(e => e.LifecycleStage == "active").ToList();
        var copies = new List<(RunInfo Source, RunInfo Destination)>();
        var idMap = new Dictionary<string, string>(StringComparer.Ordinal);

        // Pass 1: find or create every run, so parent links can be remapped whatever the order.
        foreach (var experiment in experiments)
        {
            var runs = from.ListRuns(experiment.ExperimentId);
            report = report with { ExperimentsSeen = report.ExperimentsSeen + 1, RunsSeen = report.RunsSeen + runs.Count };
            if (runs.Count == 0)
            {
                continue;
            }

            var target = to.GetOrCreateExperiment(experiment.Name);
            foreach (var run in runs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tags = from.GetRunData(run.RunId).Tags;
                var origin = tags.TryGetValue(MlflowTagKeys.SyncSourceRunId, out var o) ? o : run.RunId;
                var copy = to.FindRunByTag(target.ExperimentId, MlflowTagKeys.SyncSourceRunId, origin);
                if (copy is null)
                {
                    copy = to.CreateRun(new NewRun(target.ExperimentId, run.RunName, run.StartTimeMs, run.UserId,
                        new Dictionary<string, string> { [MlflowTagKeys.SyncSourceRunId] = origin }));
                    report = report with { RunsCreated = report.RunsCreated + 1 };
                }

                idMap[run.RunId] = copy.RunId;
                copies.Add((run, copy));
            }
        }

        // Pass 2: send what each copy lacks.
        foreach (var (source, copy) in copies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report = TopUp(from, to, source, copy, idMap, report, conflicts);
        }

        report = report with { Conflicts = conflicts };
        _logger.LogInformation("Synced {Source} to {Destination}: {Report}", from.Location, to.Location, report);
        return report;
    }

    private static SyncReport TopUp(
        SqliteTrackingStore from, ITrackingStore to, RunInfo source, RunInfo copy, Dictionary<string, string> idMap, SyncReport report, List<string> conflicts)
    {
        var have = to.GetRunData(copy.RunId);
        var want = from.GetRunData(source.RunId);

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in want.Params)
        {
            if (!have.Params.TryGetValue(key, out var existing))
            {
                parameters.Add(new(key, value));
            }
            else if (existing != value)
            {
                conflicts.Add($"run {source.RunId} param '{key}': '{value}' here, '{existing}' at the destination");
            }
        }

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (key, raw) in want.Tags)
        {
            if (key == MlflowTagKeys.SyncSourceRunId)
            {
                continue;
            }

            var value = key == MlflowTagKeys.ParentRunId && idMap.TryGetValue(raw, out var mapped) ? mapped : raw;
            if (!have.Tags.TryGetValue(key, out var existing) || existing != value)
            {
                tags.Add(new(key, value));
            }
        }

        var present = to.GetMetricHistory(copy.RunId).Select(PointKey).ToHashSet();
        var metrics = from.GetMetricHistory(source.RunId).Where(p => !present.Contains(PointKey(p))).ToList();
        to.LogBatch(copy.RunId, metrics, parameters, tags);
        // Both stores reuse a dataset and a link they already have, so the inputs are simply logged again.
        to.LogInputs(copy.RunId, from.GetRunInputs(source.RunId));

        var existingArtifacts = to.ListArtifacts(copy).ToDictionary(a => a.Path, a => a.Size, StringComparer.Ordinal);
        var artifacts = 0;
        foreach (var artifact in from.ListArtifacts(source))
        {
            if (!existingArtifacts.TryGetValue(artifact.Path, out var size) || size != artifact.Size)
            {
                to.LogArtifact(copy, from.ArtifactFilePath(source, artifact.Path), artifact.Path);
                artifacts++;
            }
        }

        var statusUpdated = 0;
        var current = to.GetRun(copy.RunId);
        if (current.Status != source.Status || current.EndTimeMs != source.EndTimeMs)
        {
            to.UpdateRun(copy.RunId, source.Status, source.EndTimeMs);
            statusUpdated = 1;
        }

        return report with
        {
            ParamsCopied = report.ParamsCopied + parameters.Count,
            TagsCopied = report.TagsCopied + tags.Count,
            MetricsCopied = report.MetricsCopied + metrics.Count,
            ArtifactsCopied = report.ArtifactsCopied + artifacts,
            StatusesUpdated = report.StatusesUpdated + statusUpdated,
        };
    }

    /// <summary>A metric point's identity, as MLflow's primary key sees it (NaN equal to NaN).</summary>
    private static (string, long, long, long) PointKey(MetricPoint point) =>
        (point.Key, point.Step, point.TimestampMs, double.IsNaN(point.Value) ? long.MinValue : BitConverter.DoubleToInt64Bits(point.Value));
}
