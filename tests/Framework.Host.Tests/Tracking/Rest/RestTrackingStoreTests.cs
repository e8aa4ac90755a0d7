using System.Text;
using System.Text.Json.Nodes;
using Framework.Host.Experiments;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Rest;

namespace Framework.Host.Tests.Tracking.Rest;

/// <summary>The REST store against an in-test MLflow server that checks request shapes and limits.</summary>
public sealed class RestTrackingStoreTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly CollectingLoggerFactory _logs = new();
    private FakeMlflowServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeMlflowServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private static RestClientOptions FastOptions => new(MaxRetries: 3, BackoffFactor: 0.01, Timeout: TimeSpan.FromSeconds(5))
    {
        ProbeInterval = TimeSpan.FromMilliseconds(50),
        MaxProbeInterval = TimeSpan.FromMilliseconds(200),
        DrainTimeout = TimeSpan.FromSeconds(30),
    };

    private MlflowExperimentTracker Open(RestClientOptions? options = null, Dictionary<string, string>? environment = null)
    {
        var factory = new TrackingStoreFactory(_logs, name => environment?.GetValueOrDefault(name), _folder.Path)
        {
            RestOptions = options ?? FastOptions,
            SpoolDirectory = _folder.File("spool"),
        };
        return factory.Open(factory.Resolve(new TrackingSettings { Uri = _server.Uri }, "physics"));
    }

    private static IRunTracker Start(MlflowExperimentTracker tracker, string? parent = null) =>
        tracker.StartRun(new RunStartRequest("physics", "trial-1", new Dictionary<string, string> { [MlflowTagKeys.User] = "alice" }, parent));

    [Fact]
    public void ARunArrivesCompleteWithParamsTagsMetricsArtifactsAndStatus()
    {
        string runId;
        using (var tracker = Open())
        {
            using var run = Start(tracker);
            runId = run.RunId;
            run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });
            run.SetTags(new Dictionary<string, string> { ["framework.device"] = "cpu" });
            for (var step = 1; step <= 20; step++)
            {
                run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1.0 / step }, step);
            }

            run.LogMetrics(new Dictionary<string, double> { ["test/loglik"] = double.NaN }, 20);
            run.LogArtifact(_folder.WriteFile("config.yaml", "model: rbm"), "config/resolved.yaml");
            run.End(RunStatus.Finished);
        }

        var serverRun = _server.State.Run(runId);
        Assert.Equal("FINISHED", serverRun.Status);
        Assert.NotNull(serverRun.EndTime);
        Assert.Equal("alice", serverRun.UserId);
        Assert.Equal("trial-1", serverRun.Tags[MlflowTagKeys.RunName]);
        Assert.Equal("64", serverRun.Params["model.hidden"]);
        Assert.Equal("cpu", serverRun.Tags["framework.device"]);
        Assert.Equal(Enumerable.Range(1, 20).Select(s => (long)s), serverRun.Metrics.Where(m => m.Key == "train/loss").Select(m => m.Step));
        Assert.True(double.IsNaN(serverRun.Metrics.Single(m => m.Key == "test/loglik").Value));
        Assert.Contains(_server.State.RequestsTo("runs/log-batch"), r => r.Body.Contains("\"value\":\"NaN\"", StringComparison.Ordinal));
        Assert.Equal("model: rbm", Encoding.UTF8.GetString(_server.State.Artifacts[$"{serverRun.ExperimentId}/{runId}/artifacts/config/resolved.yaml"]));
        Assert.Empty(Directory.EnumerateFiles(_folder.File("spool")));
    }

    [Fact]
    public void LargeBatchesAreSplitWithinTheServersLimitsAndAllArrive()
    {
        string runId;
        using (var tracker = Open())
        {
            using var run = Start(tracker);
            runId = run.RunId;
            run.LogParams(Enumerable.Range(0, 250).ToDictionary(i => $"p{i}", i => new string('v', 3000)));
            run.SetTags(Enumerable.Range(0, 150).ToDictionary(i => $"t{i}", i => "x"));
            for (var step = 0; step < 2500; step++)
            {
                run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = step }, step);
            }

            run.End(RunStatus.Finished);
        }

        var batches = _server.State.RequestsTo("runs/log-batch");
        Assert.All(batches, b => Assert.Equal(200, b.Status));
        foreach (var body in batches.Select(b => JsonNode.Parse(b.Body)!))
        {
            var (metrics, parameters, tags) = (body["metrics"]!.AsArray().Count, body["params"]!.AsArray().Count, body["tags"]!.AsArray().Count);
            Assert.True(metrics <= 1000 && parameters <= 100 && tags <= 100 && metrics + parameters + tags <= 1000);
        }

        Assert.True(batches.Max(b => Encoding.UTF8.GetByteCount(b.Body)) < 1_000_000);
        var serverRun = _server.State.Run(runId);
        Assert.Equal(250, serverRun.Params.Count);
        Assert.Equal(2500, serverRun.Metrics.Count);
        Assert.True(serverRun.Tags.Count >= 151);
    }

    [Fact]
    public void RequestsAnswered429Or503AreRetriedWithBackOffAndSucceed()
    {
        using var tracker = Open();
        _server.State.FailNext.Enqueue(503);
        var experimentLookup = Start(tracker);
        experimentLookup.End(RunStatus.Finished);
        using var run = Start(tracker);
        // The queued failures answer whichever request comes next: deliver what starting the run sent first.
        run.Flush();
        Assert.True(((RestTrackingStore)tracker.Store).WaitForDelivery(TimeSpan.FromSeconds(30)));
        _server.State.FailNext.Enqueue(503);
        _server.State.FailNext.Enqueue(429);
        run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 1);
        run.Flush();
        Assert.True(((RestTrackingStore)tracker.Store).WaitForDelivery(TimeSpan.FromSeconds(30)));
        run.End(RunStatus.Finished);
        tracker.Dispose();

        Assert.Equal([503, 404], _server.State.RequestsTo("experiments/get-by-name").Take(2).Select(r => r.Status));
        Assert.Equal([503, 429, 200], _server.State.RequestsTo("runs/log-batch").Select(r => r.Status));
        Assert.Single(_server.State.Run(run.RunId).Metrics);
        Assert.Equal("FINISHED", _server.State.Run(run.RunId).Status);
    }

    [Fact]
    public void ARefusalIsNotRetriedAndSurfacesWithTheServersMessage()
    {
        using var tracker = Open();
        using var run = Start(tracker);
        _server.State.Run(run.RunId).Params["model.hidden"] = "32";
        run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });

        var error = Assert.Throws<TrackingException>(() =>
        {
            run.Flush();
            ((RestTrackingStore)tracker.Store).WaitForDelivery(TimeSpan.FromSeconds(30));
            ((RestTrackingStore)tracker.Store).ThrowDeliveryError();
        });

        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.State.RequestsTo("runs/log-batch"));
        run.End(RunStatus.Failed);
    }

    [Fact]
    public async Task StoppingTheServerMidRunAndStartingItAgainLosesNoMetric()
    {
        using var tracker = Open();
        using var run = Start(tracker);
        for (var step = 0; step < 100; step++)
        {
            run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = step }, step);
        }

        run.Flush();
        Assert.True(((RestTrackingStore)tracker.Store).WaitForDelivery(TimeSpan.FromSeconds(30)));
        var state = _server.State;
        var port = _server.Port;
        await _server.StopAsync();
        await _server.DisposeAsync();

        for (var step = 100; step < 300; step++)
        {
            run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = step }, step);
            if (step % 50 == 0)
            {
                run.Flush();
            }
        }

        run.Flush();
        Assert.True(SpinWait.SpinUntil(() => ((RestTrackingStore)tracker.Store).ServerDown, TimeSpan.FromSeconds(20)));
        Assert.True(((RestTrackingStore)tracker.Store).Undelivered > 0);

        _server = await FakeMlflowServer.StartAsync(state, port);
        run.End(RunStatus.Finished);
        Assert.True(((RestTrackingStore)tracker.Store).WaitForDelivery(TimeSpan.FromSeconds(30)));

        var steps = state.Run(run.RunId).Metrics.Select(m => m.Step).ToList();
        Assert.Equal(Enumerable.Range(0, 300).Select(s => (long)s), steps);
        Assert.Equal("FINISHED", state.Run(run.RunId).Status);
        Assert.Contains(_logs.Messages, m => m.Contains("unavailable", StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritesStillUndeliveredAtExitAreReportedAndKeptInTheSpool()
    {
        var tracker = Open(FastOptions with { DrainTimeout = TimeSpan.FromMilliseconds(500) });
        var run = Start(tracker);
        await _server.StopAsync();
        run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 1);
        run.End(RunStatus.Finished);
        var store = (RestTrackingStore)tracker.Store;
        var spool = store.SpoolPath!;
        Assert.False(store.WaitForDelivery(TimeSpan.FromMilliseconds(300)));
        tracker.Dispose();

        Assert.True(File.Exists(spool));
        Assert.Contains(_logs.Messages, m => m.Contains("could not be delivered", StringComparison.Ordinal) && m.Contains(spool, StringComparison.Ordinal));
        using var left = RequestSpool.Open(spool, null);
        Assert.Equal(2, left.Count);
    }

    [Fact]
    public void BasicAuthFromUsernameAndPasswordTakesPrecedenceOverAToken()
    {
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_USERNAME"] = "alice", ["MLFLOW_TRACKING_PASSWORD"] = "s3cret", ["MLFLOW_TRACKING_TOKEN"] = "tok",
        };
        _server.State.RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
        var options = RestClientOptions.FromEnvironment(n => environment.GetValueOrDefault(n)) with { MaxRetries = 1, BackoffFactor = 0.01 };

        using (var tracker = Open(options))
        {
            Start(tracker).End(RunStatus.Finished);
        }

        Assert.All(_server.State.Requests, r => Assert.NotEqual(401, r.Status));
        Assert.All(_server.State.Requests, r => Assert.StartsWith("Basic ", r.Authorization, StringComparison.Ordinal));
        Assert.Contains(_server.State.Requests, r => r.Path.EndsWith("runs/update", StringComparison.Ordinal) && r.Status == 200);
        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenAloneIsSentAsBearerAndAWrongOneIsRefusedWithAHint()
    {
        _server.State.RequiredAuthorization = "Bearer right";
        var wrong = RestClientOptions.FromEnvironment(n => n == "MLFLOW_TRACKING_TOKEN" ? "wrong" : null) with { MaxRetries = 1 };
        using (var tracker = Open(wrong))
        {
            var error = Assert.Throws<MlflowApiException>(() => Start(tracker));
            Assert.Equal(401, error.StatusCode);
            Assert.Contains("MLFLOW_TRACKING_TOKEN", error.Message, StringComparison.Ordinal);
        }

        var right = RestClientOptions.FromEnvironment(n => n == "MLFLOW_TRACKING_TOKEN" ? "right" : null) with { MaxRetries = 1 };
        using (var tracker = Open(right))
        {
            Start(tracker).End(RunStatus.Finished);
        }
    }

    [Fact]
    public async Task AServerThatIsDownWhenTheRunStartsIsAClearErrorBeforeTraining()
    {
        var port = _server.Port;
        await _server.StopAsync();

        using var tracker = Open();
        var error = Assert.Throws<TrackingStoreUnavailableException>(() => Start(tracker));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChildRunOnTheServerPointsToItsParent()
    {
        using var tracker = Open();
        using var parent = Start(tracker);
        using var child = Start(tracker, parent.RunId);
        child.End(RunStatus.Finished);
        parent.End(RunStatus.Finished);

        Assert.Equal(parent.RunId, _server.State.Run(child.RunId).Tags[MlflowTagKeys.ParentRunId]);
    }

    [Fact]
    public void DatasetInputsGoThroughLogInputsAndTwoRunsShareTheServersDatasetRow()
    {
        string first, second;
        using (var tracker = Open())
        {
            using (var run = Start(tracker))
            {
                first = run.RunId;
                run.LogInputs([Sqlite.DatasetInputsSqliteTests.Input("ising2d-train", "0badcafe", "training"),
                               Sqlite.DatasetInputsSqliteTests.Input("ising2d-test", "feedf00d", "testing")]);
                run.End(RunStatus.Finished);
            }

            using (var run = Start(tracker))
            {
                second = run.RunId;
                run.LogInputs([Sqlite.DatasetInputsSqliteTests.Input("ising2d-train", "0badcafe", "training")]);
                run.End(RunStatus.Killed);
            }

            // A resumed run sends its inputs again; the server reuses the dataset and the link.
            using (var resumed = tracker.StartRun(new RunStartRequest("physics", "trial-1", new Dictionary<string, string>(), ResumeRunId: second)))
            {
                resumed.LogInputs([Sqlite.DatasetInputsSqliteTests.Input("ising2d-train", "0badcafe", "training")]);
                resumed.End(RunStatus.Finished);
            }
        }

        var requests = _server.State.RequestsTo("runs/log-inputs");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        var body = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal(first, body["run_id"]!.GetValue<string>());
        var dataset = body["datasets"]![0]!;
        Assert.Equal("mlflow.data.context", dataset["tags"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("training", dataset["tags"]![0]!["value"]!.GetValue<string>());
        // source, schema and profile travel as JSON text, as MLflow's Dataset message holds them.
        Assert.Equal("""{"uri": "/data/train.gz"}""", dataset["dataset"]!["source"]!.GetValue<string>());
        Assert.Equal("local", dataset["dataset"]!["source_type"]!.GetValue<string>());
        Assert.Equal("""{"features_shape": [3, 2]}""", dataset["dataset"]!["profile"]!.GetValue<string>());

        lock (_server.State.Gate)
        {
            Assert.Equal(["ising2d-test", "ising2d-train"], _server.State.Datasets.Select(d => d.Name).Order());
            var train = _server.State.Datasets.Single(d => d.Name == "ising2d-train");
            Assert.Equal(new[] { first, second }.Order(), _server.State.Inputs.Where(i => i.DatasetUuid == train.Uuid).Select(i => i.RunId).Order());
            Assert.Equal(3, _server.State.Inputs.Count);
        }
    }
}
