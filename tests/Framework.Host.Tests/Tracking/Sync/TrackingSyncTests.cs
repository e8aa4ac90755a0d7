using System.Text;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Rest;
using Framework.Host.Tracking.Sqlite;
using Framework.Host.Tracking.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Tracking.Sync;

public sealed class TrackingSyncTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeMlflowServer _server = null!;
    private TrackingStoreFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeMlflowServer.StartAsync();
        _factory = new TrackingStoreFactory(NullLoggerFactory.Instance, _ => null, _folder.Path)
        {
            RestOptions = new RestClientOptions(MaxRetries: 2, BackoffFactor: 0.01, Timeout: TimeSpan.FromSeconds(5))
            {
                ProbeInterval = TimeSpan.FromMilliseconds(50),
                DrainTimeout = TimeSpan.FromMilliseconds(500),
            },
            SpoolDirectory = _folder.File("spool"),
        };
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private string Source => _folder.File("node/mlflow.db");

    private TrackingSync Sync => new(_factory, NullLogger.Instance);

    /// <summary>A sweep as an offline HPC node leaves it: a parent, a finished and a failed trial, with artifacts.</summary>
    private (string Parent, string Finished, string Failed) WriteSweep()
    {
        using var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(Source), NullLogger.Instance);
        var parent = tracker.StartRun(new RunStartRequest("ising", "sweep", new Dictionary<string, string> { [MlflowTagKeys.User] = "alice" }));
        var finished = tracker.StartRun(new RunStartRequest("ising", "trial-0", new Dictionary<string, string>(), parent.RunId));
        finished.LogParams(new Dictionary<string, string> { ["model.hidden"] = "16", ["training.seed"] = "0" });
        for (var step = 0; step < 1500; step++)
        {
            finished.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1.0 / (step + 1), ["epoch"] = step / 500 }, step);
        }

        finished.LogMetrics(new Dictionary<string, double> { ["test/loglik"] = double.NaN }, 1500);
        finished.LogInputs([Sqlite.DatasetInputsSqliteTests.Input("ising2d-train", "0badcafe", "training")]);
        finished.LogArtifact(_folder.WriteFile("work/config.yaml", "model: rbm"), "config.yaml");
        finished.LogArtifact(_folder.WriteFile("work/samples.png", "PNG"), "samples/epoch_003.png");
        finished.End(RunStatus.Finished);
        var failed = tracker.StartRun(new RunStartRequest("ising", "trial-1", new Dictionary<string, string>(), parent.RunId));
        failed.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 2 }, 0);
        failed.Fail(new InvalidOperationException("NaN loss"));
        parent.End(RunStatus.Finished);
        foreach (var run in new[] { parent, finished, failed })
        {
            run.Dispose();
        }

        return (parent.RunId, finished.RunId, failed.RunId);
    }

    [Fact]
    public void ASweepCopiedToAnotherSqliteFileArrivesWholeWithParentLinksRemapped()
    {
        var (parent, finished, failed) = WriteSweep();
        var destination = _folder.File("login/mlflow.db");

        var report = Sync.Run(Source, "sqlite:///" + destination);

        Assert.Equal(3, report.RunsCreated);
        var copyOf = Sql.Rows(destination, "SELECT value, run_uuid FROM tags WHERE key = 'framework.sync.source_run_id'")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(3, copyOf.Count);
        Assert.Equal(copyOf[parent], Sql.Scalar(destination, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'mlflow.parentRunId'", ("$id", copyOf[finished])));
        Assert.Equal(3001L, Sql.Scalar(destination, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", copyOf[finished])));
        Assert.Equal(1L, Sql.Scalar(destination, "SELECT is_nan FROM metrics WHERE run_uuid = $id AND key = 'test/loglik'", ("$id", copyOf[finished])));
        Assert.Equal([1499L, 1.0 / 1500], Sql.Rows(destination, "SELECT step, value FROM latest_metrics WHERE run_uuid = $id AND key = 'train/loss'", ("$id", copyOf[finished])).Single());
        Assert.Equal("16", Sql.Scalar(destination, "SELECT value FROM params WHERE run_uuid = $id AND key = 'model.hidden'", ("$id", copyOf[finished])));
        Assert.Equal("FAILED", Sql.Scalar(destination, "SELECT status FROM runs WHERE run_uuid = $id", ("$id", copyOf[failed])));
        Assert.Equal(
            Sql.Scalar(Source, "SELECT end_time FROM runs WHERE run_uuid = $id", ("$id", failed)),
            Sql.Scalar(destination, "SELECT end_time FROM runs WHERE run_uuid = $id", ("$id", copyOf[failed])));
        Assert.Equal("NaN loss", ((string)Sql.Scalar(destination, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'framework.error'", ("$id", copyOf[failed]))!)[^8..]);
        var artifactUri = (string)Sql.Scalar(destination, "SELECT artifact_uri FROM runs WHERE run_uuid = $id", ("$id", copyOf[finished]))!;
        Assert.Equal("PNG", File.ReadAllText(Path.Combine(artifactUri, "samples", "epoch_003.png")));
    }

    [Fact]
    public void DatasetInputsArriveOnceWithTheirTagsHoweverOftenTheSyncRuns()
    {
        var (_, finished, _) = WriteSweep();
        var file = _folder.File("login/mlflow.db");
        Sync.Run(Source, "sqlite:///" + file);
        Sync.Run(Source, "sqlite:///" + file);
        Sync.Run(Source, _server.Uri);

        var row = Assert.Single(Sql.Rows(file, """
            SELECT d.name, d.digest, d.dataset_source, t.name, t.value, (SELECT value FROM tags WHERE run_uuid = i.destination_id AND key = 'framework.sync.source_run_id')
            FROM datasets d JOIN inputs i ON i.source_id = d.dataset_uuid JOIN input_tags t ON t.input_uuid = i.input_uuid
            """));
        Assert.Equal(new object?[] { "ising2d-train", "0badcafe", """{"uri": "/data/train.gz"}""", "mlflow.data.context", "training", finished }, row);
        lock (_server.State.Gate)
        {
            var dataset = Assert.Single(_server.State.Datasets);
            var input = Assert.Single(_server.State.Inputs);
            Assert.Equal(finished, _server.State.Runs[input.RunId].Tags[MlflowTagKeys.SyncSourceRunId]);
            Assert.Equal("training", input.Tags["mlflow.data.context"]);
            Assert.Equal(dataset.Uuid, input.DatasetUuid);
        }
    }

    [Fact]
    public void ASecondSyncCopiesNothing()
    {
        WriteSweep();
        var destination = "sqlite:///" + _folder.File("login/mlflow.db");
        Sync.Run(Source, destination);
        var rowsAfterFirst = Sql.Scalar(_folder.File("login/mlflow.db"), "SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM metrics) + (SELECT COUNT(*) FROM tags)");

        var second = Sync.Run(Source, destination);

        Assert.False(second.CopiedAnything, second.ToString());
        Assert.Equal(3, second.RunsSeen);
        Assert.Equal(rowsAfterFirst, Sql.Scalar(_folder.File("login/mlflow.db"), "SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM metrics) + (SELECT COUNT(*) FROM tags)"));
    }

    [Fact]
    public void ASweepSyncedToAServerArrivesWholeAndASecondSyncSendsNoWrites()
    {
        var (parent, finished, _) = WriteSweep();

        var first = Sync.Run(Source, _server.Uri);

        Assert.Equal(3, first.RunsCreated);
        var copies = _server.State.Runs.Values.ToDictionary(r => r.Tags[MlflowTagKeys.SyncSourceRunId]);
        var copy = copies[finished];
        Assert.Equal(3001, copy.Metrics.Count);
        Assert.Equal(copies[parent].RunId, copy.Tags[MlflowTagKeys.ParentRunId]);
        Assert.Equal("FINISHED", copy.Status);
        Assert.Equal("PNG", Encoding.UTF8.GetString(_server.State.Artifacts[$"{copy.ExperimentId}/{copy.RunId}/artifacts/samples/epoch_003.png"]));
        var writes = _server.State.Requests.Count(r => r.Method == "PUT" || r.Path.EndsWith("log-batch", StringComparison.Ordinal) || r.Path.EndsWith("runs/create", StringComparison.Ordinal));

        var second = Sync.Run(Source, _server.Uri);

        Assert.False(second.CopiedAnything, second.ToString());
        var writesAfter = _server.State.Requests.Count(r => r.Method == "PUT" || r.Path.EndsWith("log-batch", StringComparison.Ordinal) || r.Path.EndsWith("runs/create", StringComparison.Ordinal));
        Assert.Equal(writes, writesAfter);
    }

    [Fact]
    public void ARunThatGrewAfterTheFirstSyncGetsOnlyItsNewPointsAndItsEnd()
    {
        var destination = _folder.File("login/mlflow.db");
        string runId;
        using (var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(Source), NullLogger.Instance))
        {
            var run = tracker.StartRun(new RunStartRequest("ising", "long", new Dictionary<string, string>()));
            runId = run.RunId;
            run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 0);
            run.Flush();
            Sync.Run(Source, "sqlite:///" + destination);
            run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 0.5 }, 1);
            run.End(RunStatus.Finished);
            run.Dispose();
        }

        var report = Sync.Run(Source, "sqlite:///" + destination);

        Assert.Equal(0, report.RunsCreated);
        Assert.Equal(1, report.MetricsCopied);
        Assert.Equal(1, report.StatusesUpdated);
        Assert.Equal("FINISHED", Sql.Scalar(destination, "SELECT status FROM runs"));
        Assert.Equal(2L, Sql.Scalar(destination, "SELECT COUNT(*) FROM metrics"));
    }

    [Fact]
    public async Task ASpoolLeftByARunWhoseServerWasDownIsDeliveredBySync()
    {
        string spool;
        string runId;
        using (var tracker = _factory.Open(new TrackingTarget(_server.Uri, "test", "ising", "test")))
        {
            var run = tracker.StartRun(new RunStartRequest("ising", "offline", new Dictionary<string, string>()));
            runId = run.RunId;
            spool = ((RestTrackingStore)tracker.Store).SpoolPath!;
            await _server.StopAsync();
            run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 0);
            run.End(RunStatus.Finished);
            run.Dispose();
        }

        Assert.True(File.Exists(spool));
        var state = _server.State;
        await _server.DisposeAsync();
        _server = await FakeMlflowServer.StartAsync(state, PortOf(spool));

        var report = Sync.Run(spool, _server.Uri);

        Assert.Equal(2, report.SpooledWritesDelivered);
        Assert.Equal("FINISHED", state.Run(runId).Status);
        Assert.Single(state.Run(runId).Metrics);
        Assert.False(File.Exists(spool));
    }

    private static int PortOf(string spoolPath) => int.Parse(Path.GetFileName(spoolPath).Split('-')[0].Split('_')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void AMissingSourceIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => Sync.Run(_folder.File("nope.db"), _server.Uri));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
