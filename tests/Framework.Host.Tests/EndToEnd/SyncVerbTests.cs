using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

public sealed class SyncVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-sync-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void SyncCopiesARunToAnotherStoreOnceAndASecondSyncCopiesNothing()
    {
        var host = new HostProcess { WorkingDirectory = _work };
        string quickstart = Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml");
        var run = host.Run("run", quickstart, "--set", "training.epochs=3", "--set", "training.eval_every=0");
        Assert.True(run.ExitCode == 0, run.ToString());

        var first = host.Run("sync", "mlflow.db", "sqlite:///copy.db");
        var second = host.Run("sync", "mlflow.db", "sqlite:///copy.db");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var db = new SqliteConnection($"Data Source={Path.Combine(_work, "copy.db")}");
        db.Open();
        using var source = Source();
        Assert.Equal(1L, Count(db, "select count(*) from runs"));
        Assert.Equal(Count(source, "select count(*) from metrics"), Count(db, "select count(*) from metrics"));
        Assert.Equal("FINISHED", Text(db, "select status from runs"));
    }

    private SqliteConnection Source()
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}");
        db.Open();
        return db;
    }

    private static long Count(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string Text(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
