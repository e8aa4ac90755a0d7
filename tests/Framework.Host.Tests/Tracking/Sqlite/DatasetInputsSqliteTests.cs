using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Tracking.Sqlite;

/// <summary>Dataset inputs written through the tracker and read back with plain SQL from MLflow's three tables.</summary>
public sealed class DatasetInputsSqliteTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _db;
    private readonly MlflowExperimentTracker _tracker;

    public DatasetInputsSqliteTests()
    {
        _db = _folder.File("mlflow.db");
        _tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(_db), NullLogger.Instance);
    }

    public void Dispose()
    {
        _tracker.Dispose();
        _folder.Dispose();
    }

    internal static DatasetInput Input(string name, string digest, string context, string source = """{"uri": "/data/train.gz"}""") =>
        new(name, digest, "local", source, """{"mlflow_tensorspec": {}}""", """{"features_shape": [3, 2]}""",
            new Dictionary<string, string> { [DatasetInput.ContextTag] = context });

    private string RunWith(string experiment, params DatasetInput[] inputs)
    {
        using var run = _tracker.StartRun(new RunStartRequest(experiment, "trial", new Dictionary<string, string>()));
        run.LogInputs(inputs);
        run.End(RunStatus.Finished);
        return run.RunId;
    }

    [Fact]
    public void ARunsDatasetsLandInMlflowsThreeTablesWithTheContextTag()
    {
        var runId = RunWith("physics", Input("fashion-mnist-train", "a1b2c3d4", "training"), Input("fashion-mnist-test", "e5f6a7b8", "testing"));

        var datasets = Sql.Rows(_db, """
            SELECT d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile, e.name, d.dataset_uuid
            FROM datasets d JOIN experiments e ON e.experiment_id = d.experiment_id ORDER BY d.name
            """);
        Assert.Equal(2, datasets.Count);
        Assert.Equal(new object?[] { "fashion-mnist-test", "e5f6a7b8", "local", """{"uri": "/data/train.gz"}""", """{"mlflow_tensorspec": {}}""", """{"features_shape": [3, 2]}""", "physics" }, datasets[0][..7]);
        Assert.All(datasets, d => Assert.Matches("^[0-9a-f]{32}$", (string)d[7]!));

        var links = Sql.Rows(_db, """
            SELECT d.name, i.source_type, i.destination_type, i.destination_id, t.name, t.value, i.input_uuid
            FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id JOIN input_tags t ON t.input_uuid = i.input_uuid ORDER BY d.name
            """);
        Assert.Equal(new object?[] { "fashion-mnist-test", "DATASET", "RUN", runId, "mlflow.data.context", "testing" }, links[0][..6]);
        Assert.Equal(new object?[] { "fashion-mnist-train", "DATASET", "RUN", runId, "mlflow.data.context", "training" }, links[1][..6]);
        Assert.All(links, l => Assert.Matches("^[0-9a-f]{32}$", (string)l[6]!));
    }

    [Fact]
    public void RunsOfOneExperimentShareADatasetRowAndLoggingAgainAddsNothing()
    {
        var first = RunWith("sweep", Input("ising2d-train", "0badcafe", "training"));
        var second = RunWith("sweep", Input("ising2d-train", "0badcafe", "training"));
        // A resumed run logs its inputs again: the dataset and the link are reused, the tags not written twice.
        using (var resumed = _tracker.StartRun(new RunStartRequest("sweep", "trial", new Dictionary<string, string>(), ResumeRunId: second)))
        {
            resumed.LogInputs([Input("ising2d-train", "0badcafe", "training"), Input("ising2d-train", "0badcafe", "training")]);
            resumed.End(RunStatus.Finished);
        }

        Assert.Equal(1L, Sql.Scalar(_db, "SELECT count(*) FROM datasets"));
        var linked = Sql.Rows(_db, "SELECT destination_id FROM inputs ORDER BY destination_id").Select(r => (string)r[0]!);
        Assert.Equal(new[] { first, second }.Order(), linked);
        Assert.Equal(2L, Sql.Scalar(_db, "SELECT count(*) FROM input_tags"));

        // Other data (another digest) is another row; the same data in another experiment is that experiment's own row.
        RunWith("sweep", Input("ising2d-train", "feedf00d", "training"));
        RunWith("other", Input("ising2d-train", "0badcafe", "training"));
        Assert.Equal(3L, Sql.Scalar(_db, "SELECT count(*) FROM datasets"));
        Assert.Equal(2L, Sql.Scalar(_db, "SELECT count(DISTINCT experiment_id) FROM datasets WHERE digest = '0badcafe'"));
    }

    [Fact]
    public void ValuesMlflowCannotHoldAreRefusedWhereTheyAreLogged()
    {
        using var run = _tracker.StartRun(new RunStartRequest("physics", "trial", new Dictionary<string, string>()));
        var error = Assert.Throws<ArgumentException>(() => run.LogInputs([Input("x", new string('a', 37), "training")]));
        Assert.Contains("digest", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => run.LogInputs([Input("x", "abc", new string('t', 501))]));
        run.End(RunStatus.Finished);
        Assert.Equal(0L, Sql.Scalar(_db, "SELECT count(*) FROM datasets"));
    }
}
