using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Tracking.Sqlite;

/// <summary>Runs written through the tracker and read back with the SQL MLflow's SqlAlchemyStore runs.</summary>
public sealed class SqliteRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _db;
    private readonly MlflowExperimentTracker _tracker;

    public SqliteRoundTripTests()
    {
        _db = _folder.File("mlflow.db");
        _tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(_db), NullLogger.Instance);
    }

    public void Dispose()
    {
        _tracker.Dispose();
        _folder.Dispose();
    }

    private IRunTracker Start(string runName = "trial-1", string? parent = null, string? resume = null, Dictionary<string, string>? tags = null) =>
        _tracker.StartRun(new RunStartRequest("physics", runName, tags ?? new Dictionary<string, string> { [MlflowTagKeys.User] = "alice" }, parent, resume));

    private object?[] RunRow(string runId) => Sql.Rows(_db, """
        SELECT r.name, r.source_type, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri, e.name
        FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_uuid = $id
        """, ("$id", runId)).Single();

    [Fact]
    public void AFinishedRunReadsBackWithItsParamsTagsMetricHistoryAndLatestMetrics()
    {
        string runId;
        using (var run = Start())
        {
            runId = run.RunId;
            run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64", ["training.lr"] = "0.001" });
            run.SetTags(new Dictionary<string, string> { ["framework.device"] = "cpu" });
            for (var step = 1; step <= 5; step++)
            {
                run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1.0 / step, ["epoch"] = (step - 1) / 2 }, step);
            }

            run.End(RunStatus.Finished);
        }

        Assert.Matches("^[0-9a-f]{32}$", runId);
        var row = RunRow(runId);
        Assert.Equal("trial-1", row[0]);
        Assert.Equal("UNKNOWN", row[1]);
        Assert.Equal("alice", row[2]);
        Assert.Equal("FINISHED", row[3]);
        Assert.True((long)row[5]! >= (long)row[4]!);
        Assert.Equal("active", row[6]);
        Assert.Equal(Path.Combine(_folder.Path, "mlartifacts", "1", runId, "artifacts"), row[7]);
        Assert.Equal("physics", row[8]);

        var parameters = Sql.Rows(_db, "SELECT key, value FROM params WHERE run_uuid = $id ORDER BY key", ("$id", runId));
        Assert.Equal([["model.hidden", "64"], ["training.lr", "0.001"]], parameters.Select(p => p.Select(v => (string)v!).ToArray()));

        var tags = Sql.Rows(_db, "SELECT key, value FROM tags WHERE run_uuid = $id", ("$id", runId)).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("trial-1", tags[MlflowTagKeys.RunName]);
        Assert.Equal("cpu", tags["framework.device"]);

        var history = Sql.Rows(_db, "SELECT step, value, is_nan, timestamp FROM metrics WHERE run_uuid = $id AND key = 'train/loss' ORDER BY step", ("$id", runId));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.Select(h => (long)h[0]!));
        Assert.Equal([1.0, 0.5, 1.0 / 3, 0.25, 0.2], history.Select(h => (double)h[1]!));
        Assert.All(history, h => Assert.Equal(0L, h[2]));
        Assert.Equal(10L, Sql.Scalar(_db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", runId)));

        var latest = Sql.Rows(_db, "SELECT key, step, value FROM latest_metrics WHERE run_uuid = $id ORDER BY key", ("$id", runId));
        Assert.Equal(2, latest.Count);
        Assert.Equal(["epoch", 5L, 2.0], latest[0]);
        Assert.Equal(["train/loss", 5L, 0.2], latest[1]);
    }

    [Fact]
    public void NanAndInfinitiesAreStoredAsMlflowStoresThem()
    {
        using var run = Start();
        run.LogMetrics(new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.PositiveInfinity, ["c"] = double.NegativeInfinity }, 1);
        run.End(RunStatus.Finished);

        var rows = Sql.Rows(_db, "SELECT key, value, is_nan FROM metrics WHERE run_uuid = $id ORDER BY key", ("$id", run.RunId));
        Assert.Equal(["a", 0.0, 1L], rows[0]);
        Assert.Equal(["b", 1.7976931348623157e308, 0L], rows[1]);
        Assert.Equal(["c", -1.7976931348623157e308, 0L], rows[2]);
        var latest = Sql.Rows(_db, "SELECT key, value, is_nan FROM latest_metrics WHERE run_uuid = $id ORDER BY key", ("$id", run.RunId));
        Assert.Equal(["a", 0.0, 1L], latest[0]);
    }

    [Fact]
    public void LatestMetricsKeepTheGreatestStepWhenAnOlderStepArrivesLater()
    {
        using var run = Start();
        run.LogMetrics(new Dictionary<string, double> { ["test/loglik"] = -90 }, 10);
        run.Flush();
        run.LogMetrics(new Dictionary<string, double> { ["test/loglik"] = -120 }, 3);
        run.Flush();

        Assert.Equal([10L, -90.0], Sql.Rows(_db, "SELECT step, value FROM latest_metrics WHERE run_uuid = $id", ("$id", run.RunId)).Single());
        Assert.Equal(2L, Sql.Scalar(_db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", run.RunId)));
        run.End(RunStatus.Finished);
    }

    [Fact]
    public void ValuesAreWrittenOnlyByFlushOrTheIntervalNotByTheLoggingCall()
    {
        using var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(_db), NullLogger.Instance,
            new RunWriterOptions(FlushInterval: TimeSpan.FromHours(1)));
        using var run = tracker.StartRun(new RunStartRequest("physics", "batched", new Dictionary<string, string>()));
        run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 1);
        Thread.Sleep(200);
        Assert.Equal(0L, Sql.Scalar(_db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", run.RunId)));

        run.Flush();

        Assert.Equal(1L, Sql.Scalar(_db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", run.RunId)));
        run.End(RunStatus.Finished);
    }

    [Fact]
    public void ArtifactsAreCopiedUnderTheRunsArtifactUriAndSurviveTheSourceChanging()
    {
        using var run = Start();
        var checkpoint = _folder.WriteFile("work/model.ckpt", "epoch 1");
        run.LogArtifact(checkpoint, "checkpoints/final.ckpt");
        File.WriteAllText(checkpoint, "epoch 2");
        run.End(RunStatus.Finished);

        var artifactUri = (string)RunRow(run.RunId)[7]!;
        Assert.Equal("epoch 1", File.ReadAllText(Path.Combine(artifactUri, "checkpoints", "final.ckpt")));
        Assert.Throws<ArgumentException>(() => Start("other").LogArtifact(checkpoint, "../escape.txt"));
    }

    [Fact]
    public void AChangedParamIsRefusedAndTheSameValueAgainIsFine()
    {
        using var run = Start();
        run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });
        run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });

        var error = Assert.Throws<ArgumentException>(() => run.LogParams(new Dictionary<string, string> { ["model.hidden"] = "128" }));

        Assert.Contains("model.hidden", error.Message, StringComparison.Ordinal);
        run.End(RunStatus.Finished);
        Assert.Equal("64", Sql.Scalar(_db, "SELECT value FROM params WHERE run_uuid = $id", ("$id", run.RunId)));
    }

    [Fact]
    public void AResumedRunIsRunningAgainAndRefusesAChangedConfiguration()
    {
        var first = Start();
        first.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });
        first.End(RunStatus.Killed);
        first.Dispose();

        using var resumed = Start(resume: first.RunId);

        Assert.Equal(first.RunId, resumed.RunId);
        Assert.Equal("RUNNING", RunRow(first.RunId)[3]);
        Assert.Null(RunRow(first.RunId)[5]);
        Assert.Throws<ArgumentException>(() => resumed.LogParams(new Dictionary<string, string> { ["model.hidden"] = "65" }));
        resumed.LogParams(new Dictionary<string, string> { ["model.hidden"] = "64" });
        resumed.End(RunStatus.Finished);
        Assert.Equal("FINISHED", RunRow(first.RunId)[3]);
    }

    [Fact]
    public void AChildRunPointsToItsParentWithMlflowsTag()
    {
        using var parent = Start("sweep");
        using var child = Start("trial-1", parent: parent.RunId);
        child.End(RunStatus.Finished);
        parent.End(RunStatus.Finished);

        Assert.Equal(parent.RunId, Sql.Scalar(_db, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'mlflow.parentRunId'", ("$id", child.RunId)));
    }

    [Fact]
    public void AParamValueTooLongForMlflowIsReplacedByItsHashAndKeptWholeAsAnArtifact()
    {
        var longValue = new string('x', 7000);
        using var run = Start();
        run.LogParams(new Dictionary<string, string> { ["data.classes"] = longValue, ["short"] = "1" });
        run.End(RunStatus.Finished);

        var stored = (string)Sql.Scalar(_db, "SELECT value FROM params WHERE run_uuid = $id AND key = 'data.classes'", ("$id", run.RunId))!;
        Assert.StartsWith("sha256:", stored, StringComparison.Ordinal);
        Assert.Contains("params/data.classes.txt", stored, StringComparison.Ordinal);
        Assert.Equal("data.classes", Sql.Scalar(_db, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'framework.params.hashed'", ("$id", run.RunId)));
        var artifactUri = (string)RunRow(run.RunId)[7]!;
        Assert.Equal(longValue, File.ReadAllText(Path.Combine(artifactUri, "params", "data.classes.txt")));
    }

    [Fact]
    public void ARunDisposedWithoutAnEndIsMarkedFailedWithTheReason()
    {
        var run = Start();
        run.LogMetrics(new Dictionary<string, double> { ["train/loss"] = 1 }, 1);
        run.Dispose();

        Assert.Equal("FAILED", RunRow(run.RunId)[3]);
        Assert.NotNull(RunRow(run.RunId)[5]);
        Assert.Contains("disposed", (string)Sql.Scalar(_db, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'framework.error'", ("$id", run.RunId))!, StringComparison.Ordinal);
        Assert.Equal(1L, Sql.Scalar(_db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", run.RunId)));
    }

    [Fact]
    public void AFailedRunCarriesTheErrorAsATag()
    {
        using var run = Start();
        run.Fail(new InvalidOperationException("loss became NaN at step 12"));

        Assert.Equal("FAILED", RunRow(run.RunId)[3]);
        Assert.Equal("InvalidOperationException: loss became NaN at step 12",
            Sql.Scalar(_db, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'framework.error'", ("$id", run.RunId)));
    }

    [Fact]
    public void BadKeysAreRefusedWhereTheyAreLogged()
    {
        using var run = Start();
        Assert.Throws<ArgumentException>(() => run.LogMetrics(new Dictionary<string, double> { ["loss!"] = 1 }, 1));
        Assert.Throws<ArgumentException>(() => run.LogParams(new Dictionary<string, string> { ["/abs"] = "1" }));
        Assert.Throws<ArgumentException>(() => run.SetTags(new Dictionary<string, string> { ["note"] = new string('n', 8001) }));
        run.End(RunStatus.Finished);
        Assert.Throws<InvalidOperationException>(() => run.LogMetrics(new Dictionary<string, double> { ["late"] = 1 }, 2));
    }

    [Fact]
    public void ADeletedExperimentIsRefusedWithHowToRestoreIt()
    {
        using (var run = Start())
        {
            run.End(RunStatus.Finished);
        }

        Sql.Execute(_db, "UPDATE experiments SET lifecycle_stage = 'deleted' WHERE name = 'physics'");

        var error = Assert.Throws<TrackingException>(() => Start());
        Assert.Contains("deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore", error.Message, StringComparison.Ordinal);
    }
}
