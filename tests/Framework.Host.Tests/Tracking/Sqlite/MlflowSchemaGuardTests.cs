using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;

namespace Framework.Host.Tests.Tracking.Sqlite;

public sealed class MlflowSchemaGuardTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string ReferenceSql => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tracking", "Reference", "mlflow-2.17.2-sqlite-schema.sql"));

    private static List<string> Schema(string databasePath) =>
        Sql.Rows(databasePath, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .Select(r => string.Join(" | ", r.Select(v => v?.ToString() ?? "NULL")))
            .ToList();

    private string ReferenceDatabase()
    {
        var path = _folder.File("reference.db");
        Sql.Execute(path, ReferenceSql);
        Sql.Execute(path, "INSERT INTO alembic_version VALUES ('f5a4f2784254')");
        return path;
    }

    [Fact]
    public void ANewDatabaseHasExactlyTheTablesConstraintsAndIndexesOfTheReferenceSchema()
    {
        var path = _folder.File("mlflow.db");
        SqliteTrackingStore.Open(path).Dispose();

        var expected = Schema(ReferenceDatabase());
        var actual = Schema(path);

        Assert.Equal(expected, actual);
        Assert.Contains(actual, line => line.StartsWith("table | runs | runs | CREATE TABLE \"runs\"", StringComparison.Ordinal));
        Assert.Contains(actual, line => line.Contains("CONSTRAINT fk_trace_info_experiment_id", StringComparison.Ordinal));
    }

    [Fact]
    public void ANewDatabaseIsStampedWithMlflow2172sRevisionAndHasTheDefaultExperiment()
    {
        var path = _folder.File("mlflow.db");
        using (var store = SqliteTrackingStore.Open(path))
        {
            Assert.Equal("f5a4f2784254", store.SchemaRevision);
        }

        Assert.Equal("f5a4f2784254", Sql.Scalar(path, "SELECT version_num FROM alembic_version"));
        var experiment = Sql.Rows(path, "SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time FROM experiments").Single();
        Assert.Equal(0L, experiment[0]);
        Assert.Equal("Default", experiment[1]);
        Assert.Equal(Path.Combine(_folder.Path, "mlartifacts", "0"), experiment[2]);
        Assert.Equal("active", experiment[3]);
        Assert.True((long)experiment[4]! > 1_600_000_000_000L);
        Assert.Equal("wal", Sql.Scalar(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public void ADatabaseCreatedByMlflowAtTheSameRevisionIsUsedAsItIs()
    {
        var path = ReferenceDatabase();
        Sql.Execute(path, "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES (0, 'Default', '/elsewhere/0', 'active')");

        using var store = SqliteTrackingStore.Open(path);
        var experiment = store.GetOrCreateExperiment("physics");

        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("/elsewhere/0", Sql.Scalar(path, "SELECT artifact_location FROM experiments WHERE experiment_id = 0"));
    }

    [Fact]
    public void ADatabaseAtAnOlderRevisionIsRefusedWithTheUpgradeCommand()
    {
        var path = ReferenceDatabase();
        Sql.Execute(path, "UPDATE alembic_version SET version_num = '4465047574b1'");

        var error = Assert.Throws<TrackingException>(() => SqliteTrackingStore.Open(path));

        Assert.Contains("older", error.Message, StringComparison.Ordinal);
        Assert.Contains("mlflow db upgrade sqlite:///" + path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADatabaseUpgradedByANewerMlflowThatKeepsOurColumnsIsUsedAsItIs()
    {
        var path = ReferenceDatabase();
        // What a later migration may do: a new table, a nullable column, a NOT NULL column with a default.
        Sql.Execute(path, """
            UPDATE alembic_version SET version_num = '0123456789ab';
            CREATE TABLE logged_models (model_id VARCHAR(36) NOT NULL PRIMARY KEY);
            ALTER TABLE runs ADD COLUMN outputs TEXT;
            ALTER TABLE metrics ADD COLUMN model_id VARCHAR(36) DEFAULT '' NOT NULL;
            """);

        using var store = SqliteTrackingStore.Open(path);
        var experiment = store.GetOrCreateExperiment("physics");
        var run = store.CreateRun(new NewRun(experiment.ExperimentId, "r", 1, "me", new Dictionary<string, string>()));
        store.LogBatch(run.RunId, [new MetricPoint("loss", 1.5, 2, 3)], [], []);

        Assert.Equal("0123456789ab", store.SchemaRevision);
        Assert.Equal(1.5, Sql.Scalar(path, "SELECT value FROM metrics"));
    }

    [Fact]
    public void ANewerDatabaseWithARequiredColumnWeWouldLeaveEmptyIsRefusedNamingTheColumn()
    {
        var path = ReferenceDatabase();
        Sql.Execute(path, """
            UPDATE alembic_version SET version_num = '0123456789ab';
            ALTER TABLE params RENAME TO old_params;
            CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, scope TEXT NOT NULL);
            """);

        var error = Assert.Throws<TrackingException>(() => SqliteTrackingStore.Open(path));

        Assert.Contains("params.scope", error.Message, StringComparison.Ordinal);
        Assert.Contains("0123456789ab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithTablesButNoMlflowRevisionIsRefused()
    {
        var path = _folder.File("other.db");
        Sql.Execute(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");

        var error = Assert.Throws<TrackingException>(() => SqliteTrackingStore.Open(path));

        Assert.Contains("not an MLflow tracking database", error.Message, StringComparison.Ordinal);
    }
}
