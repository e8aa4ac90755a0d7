using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking.Rest;

/// <summary>
/// An MLflow tracking server through REST API 2.0. Reads and run creation go straight to the server; writes
/// (log-batch, status, artifacts) go through a <see cref="RequestSpool"/> when one is given and are delivered in order
/// by a background thread, so an outage during a run loses nothing.
/// </summary>
/// <remarks>
/// While the server is down, the delivery thread asks again with single attempts at a growing interval (1 s doubling
/// to 30 s); the first success delivers the backlog in order. Closing waits up to <see cref="RestClientOptions.DrainTimeout"/>
/// and then reports what is left, which stays in the spool file for <c>sync</c>. Without a spool (as <c>sync</c> uses
/// it) writes are sent directly and an outage is an exception.
/// </remarks>
internal sealed class RestTrackingStore : ITrackingStore
{
    private const string Api = "api/2.0/mlflow/";
    private const string ArtifactsApi = "api/2.0/mlflow-artifacts/artifacts";
    private readonly MlflowRestClient _client;
    private readonly RequestSpool? _spool;
    private readonly ILogger _logger;
    private readonly Thread? _delivery;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _deliveryGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Exception? _deliveryError;
    private volatile bool _serverDown;
    private volatile bool _idle = true;
    private int _disposed;

    /// <param name="client">The HTTP client (owned).</param>
    /// <param name="spool">The outbox for writes (owned), or null to send writes directly.</param>
    /// <param name="logger">Outage, recovery and undelivered-records messages.</param>
    public RestTrackingStore(MlflowRestClient client, RequestSpool? spool, ILogger logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _spool = spool;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (_spool is not null)
        {
            _delivery = new Thread(DeliveryLoop) { IsBackground = true, Name = "mlflow-rest-delivery" };
            _delivery.Start();
        }
    }

    /// <inheritdoc />
    public string Location => _client.BaseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>The spool file, or null.</summary>
    public string? SpoolPath => _spool?.Path;

    /// <summary>Writes not yet accepted by the server.</summary>
    public long Undelivered => _spool?.Count ?? 0;

    /// <summary>Whether the last delivery attempt found the server down.</summary>
    public bool ServerDown => _serverDown;

    /// <inheritdoc />
    public ExperimentInfo GetOrCreateExperiment(string name)
    {
        Sqlite.SqliteTrackingStore.ValidateExperimentName(name);
        var existing = FindExperiment(name);
        if (existing is null)
        {
            try
            {
                _client.Post(Api + "experiments/create", RestJson.Object(w => w.WriteString("name", name)));
            }
            catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_ALREADY_EXISTS")
            {
                // Another trial created it between our lookup and our create.
            }

            existing = FindExperiment(name) ?? throw new TrackingException($"The server at {Location} created experiment '{name}' but cannot find it.");
        }

        if (existing.LifecycleStage != "active")
        {
            throw new TrackingException(
                $"Experiment '{name}' (id {existing.ExperimentId}) at {Location} is deleted. Restore it in the MLflow UI, or choose another experiment name.");
        }

        return existing;
    }

    private ExperimentInfo? FindExperiment(string name)
    {
        try
        {
            var experiment = _client.Get(Api + "experiments/get-by-name", ("experiment_name", name)).GetProperty("experiment");
            return new ExperimentInfo(
                RestJson.String(experiment, "experiment_id")!,
                RestJson.String(experiment, "name")!,
                RestJson.String(experiment, "artifact_location") ?? "",
                RestJson.String(experiment, "lifecycle_stage") ?? "active");
        }
        catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    /// <inheritdoc />
    public RunInfo CreateRun(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tags = new Dictionary<string, string>(run.Tags, StringComparer.Ordinal) { [MlflowTagKeys.RunName] = run.RunName };
        var body = RestJson.Object(w =>
        {
            w.WriteString("experiment_id", run.ExperimentId);
            w.WriteString("run_name", run.RunName);
            w.WriteString("user_id", run.UserId);
            w.WriteNumber("start_time", run.StartTimeMs);
            RestJson.WritePairs(w, "tags", tags);
        });
        return RestJson.ReadRunInfo(_client.Post(Api + "runs/create", body));
    }

    /// <inheritdoc />
    public RunInfo GetRun(string runId)
    {
        try
        {
            return RestJson.ReadRunInfo(_client.Get(Api + "runs/get", ("run_id", runId)));
        }
        catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            throw new TrackingException($"Run '{runId}' does not exist at {Location}. Check the run id.", ex);
        }
    }

    /// <inheritdoc />
    public RunData GetRunData(string runId) => RestJson.ReadRunData(_client.Get(Api + "runs/get", ("run_id", runId)));

    /// <inheritdoc />
    public IReadOnlyList<MetricPoint> GetMetricHistory(string runId)
    {
        var keys = RestJson.ReadMetricKeys(_client.Get(Api + "runs/get", ("run_id", runId)));
        var points = new List<MetricPoint>();
        foreach (var key in keys)
        {
            string? pageToken = null;
            do
            {
                var query = new List<(string, string)> { ("run_id", runId), ("metric_key", key), ("max_results", "25000") };
                if (pageToken is not null)
                {
                    query.Add(("page_token", pageToken));
                }

                var response = _client.Get(Api + "metrics/get-history", [.. query]);
                if (response.TryGetProperty("metrics", out var metrics))
                {
                    points.AddRange(metrics.EnumerateArray().Select(m => new MetricPoint(
                        RestJson.String(m, "key")!, RestJson.ReadValue(m.GetProperty("value")), RestJson.Long(m, "timestamp") ?? 0, RestJson.Long(m, "step") ?? 0)));
                }

                pageToken = RestJson.String(response, "next_page_token");
            }
            while (!string.IsNullOrEmpty(pageToken));
        }

        return points;
    }

    /// <inheritdoc />
    public RunInfo? FindRunByTag(string experimentId, string key, string value)
    {
        var body = RestJson.Object(w =>
        {
            w.WriteStartArray("experiment_ids");
            w.WriteStringValue(experimentId);
            w.WriteEndArray();
            w.WriteString("filter", $"tags.`{key}` = '{value.Replace("'", "\\'", StringComparison.Ordinal)}'");
            w.WriteNumber("max_results", 1);
        });
        var response = _client.Post(Api + "runs/search", body);
        if (!response.TryGetProperty("runs", out var runs) || runs.GetArrayLength() == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse($"{{\"run\":{runs[0].GetRawText()}}}");
        return RestJson.ReadRunInfo(document.RootElement);
    }

    /// <inheritdoc />
    public void LogBatch(
        string runId,
        IReadOnlyList<MetricPoint> metrics,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var requests = LogBatchSplitter.Split(metrics, parameters, tags)
            .Select(chunk => new SpooledRequest(0, "POST", Api + "runs/log-batch", RestJson.LogBatch(runId, chunk),
                null, $"log-batch run {runId}: {chunk.Metrics.Count} metrics, {chunk.Params.Count} params, {chunk.Tags.Count} tags"))
            .ToList();
        Write(requests);
    }

    /// <inheritdoc />
    /// <remarks>The server reuses datasets and links as <see cref="Sqlite.SqliteTrackingStore.LogInputs"/> does.</remarks>
    public void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return;
        }

        Write([new SpooledRequest(0, "POST", Api + "runs/log-inputs", RestJson.LogInputs(runId, inputs), null,
            $"log-inputs run {runId}: {string.Join(", ", inputs.Select(i => $"{i.Name} ({i.Digest})"))}")]);
    }

    /// <inheritdoc />
    public void UpdateRun(string runId, RunStatus status, long? endTimeMs)
    {
        var body = RestJson.Object(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("run_uuid", runId);
            w.WriteString("status", RunStatusNames.ToMlflow(status));
            if (endTimeMs is { } end)
            {
                w.WriteNumber("end_time", end);
            }
        });
        Write([new SpooledRequest(0, "POST", Api + "runs/update", body, null, $"update run {runId}: {RunStatusNames.ToMlflow(status)}")]);
    }

    /// <inheritdoc />
    public void LogArtifact(RunInfo run, string localPath, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(run);
        MlflowNames.ValidateArtifactPath(artifactPath);
        if (!File.Exists(localPath))
        {
            throw new ArgumentException($"The artifact file '{localPath}' does not exist.", nameof(localPath));
        }

        var path = ArtifactsApi + "/" + ProxiedRoot(run) + "/" + string.Join('/', artifactPath.Split('/').Select(Uri.EscapeDataString));
        Write([new SpooledRequest(0, "PUT", path, null, localPath, $"artifact {artifactPath} of run {run.RunId}")]);
    }

    /// <inheritdoc />
    public IReadOnlyList<ArtifactFile> ListArtifacts(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var root = ProxiedRoot(run);
        var files = new List<ArtifactFile>();
        var folders = new Queue<string>([""]);
        while (folders.TryDequeue(out var folder))
        {
            var path = folder.Length == 0 ? root : root + "/" + folder;
            var response = _client.Get(ArtifactsApi, ("path", path));
            if (!response.TryGetProperty("files", out var entries))
            {
                continue;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                var name = RestJson.String(entry, "path")!;
                var relative = folder.Length == 0 ? name : name.StartsWith(folder + "/", StringComparison.Ordinal) ? name : folder + "/" + name;
                if (entry.TryGetProperty("is_dir", out var isDir) && isDir.GetBoolean())
                {
                    folders.Enqueue(relative);
                }
                else
                {
                    files.Add(new ArtifactFile(relative, RestJson.Long(entry, "file_size") ?? 0));
                }
            }
        }

        return files;
    }

    /// <summary>Blocks until every spooled write is delivered or <paramref name="timeout"/> passes; true when all arrived.</summary>
    public bool WaitForDelivery(TimeSpan timeout)
    {
        if (_spool is null)
        {
            return true;
        }

        var deadline = DateTime.UtcNow + timeout;
        _wake.Release();
        while (DateTime.UtcNow < deadline)
        {
            if (_idle && _spool.Count == 0)
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return _spool.Count == 0;
    }

    /// <summary>Rethrows a refusal (4xx) met by the delivery thread, once.</summary>
    public void ThrowDeliveryError()
    {
        var error = Interlocked.Exchange(ref _deliveryError, null);
        if (error is not null)
        {
            throw new TrackingException(error.Message, error);
        }
    }

    /// <summary>The run's folder below the server's artifact proxy (<c>1/abc.../artifacts</c>).</summary>
    private string ProxiedRoot(RunInfo run)
    {
        const string scheme = "mlflow-artifacts:";
        if (!run.ArtifactUri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new TrackingException(
                $"Run {run.RunId} at {Location} stores artifacts at '{run.ArtifactUri}', which this client cannot upload to. Start the " +
                "server with artifact proxying (mlflow server --serve-artifacts, the default since MLflow 2.0) so runs get mlflow-artifacts:/ URIs.");
        }

        var rest = run.ArtifactUri[scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }

        return rest.Trim('/');
    }

    private void Write(IReadOnlyList<SpooledRequest> requests)
    {
        if (requests.Count == 0)
        {
            return;
        }

        if (_spool is null)
        {
            foreach (var request in requests)
            {
                _client.Send(request, retry: true);
            }

            return;
        }

        _spool.Append(requests);
        _idle = false;
        _wake.Release();
        ThrowDeliveryError();
    }

    private void DeliveryLoop()
    {
        var interval = _client.Options.ProbeInterval;
        var nextProbe = DateTime.UtcNow;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_serverDown)
                {
                    // Down: ask again at the back-off interval, however many writes arrive meanwhile.
                    var wait = nextProbe - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero && _stopping.Token.WaitHandle.WaitOne(wait))
                    {
                        return;
                    }
                }
                else
                {
                    _wake.Wait(_stopping.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (DeliverBacklog())
            {
                interval = _client.Options.ProbeInterval;
            }
            else
            {
                nextProbe = DateTime.UtcNow + interval;
                var doubled = interval * 2;
                interval = doubled < _client.Options.MaxProbeInterval ? doubled : _client.Options.MaxProbeInterval;
            }
        }
    }

    /// <summary>Sends spooled writes oldest first until none is left or the server is down; false when it is down.</summary>
    private bool DeliverBacklog()
    {
        lock (_deliveryGate)
        {
            _idle = false;
            var sent = 0;
            try
            {
                while (_spool!.Peek(64) is { Count: > 0 } batch)
                {
                    foreach (var request in batch)
                    {
                        try
                        {
                            _client.Send(request, retry: !_serverDown);
                        }
                        catch (TrackingStoreUnavailableException ex)
                        {
                            if (!_serverDown)
                            {
                                _logger.LogWarning("MLflow server {Server} is unavailable ({Reason}); spooling to {Spool} and retrying",
                                    Location, ex.Message, _spool.Path);
                            }

                            _serverDown = true;
                            return false;
                        }
                        catch (MlflowApiException ex)
                        {
                            // A refusal will not change on retry: drop it from the outbox so later writes can go, and report it.
                            _logger.LogError("MLflow server {Server} refused {Request}: {Message}", Location, request.Description, ex.Message);
                            Interlocked.CompareExchange(ref _deliveryError, ex, null);
                        }

                        _spool.Remove(request);
                        sent++;
                    }
                }

                if (_serverDown)
                {
                    _logger.LogInformation("MLflow server {Server} answers again; delivered {Count} spooled writes", Location, sent);
                    _serverDown = false;
                }

                return true;
            }
            finally
            {
                _idle = true;
            }
        }
    }

    /// <summary>Waits for delivery (up to the drain timeout) and reports anything left in the spool for <c>sync</c>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_spool is not null)
        {
            WaitForDelivery(_client.Options.DrainTimeout);
            _stopping.Cancel();
            _delivery!.Join();
            var left = _spool.Close();
            if (left > 0)
            {
                _logger.LogWarning(
                    "{Count} tracking writes could not be delivered to {Server}; they are kept in {Spool}. Deliver them later with: sync {Spool} {Server}",
                    left, Location, _spool.Path, _spool.Path, Location);
            }
        }

        _client.Dispose();
        _wake.Dispose();
        _stopping.Dispose();
    }
}
