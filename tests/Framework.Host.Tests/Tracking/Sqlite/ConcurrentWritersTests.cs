using System.Diagnostics;
using System.Reflection;
using Framework.Host.Tests.Tracking.Support;

namespace Framework.Host.Tests.Tracking.Sqlite;

/// <summary>Parallel trials are separate processes writing one mlflow.db; WAL and the busy timeout must lose nothing.</summary>
public sealed class ConcurrentWritersTests : IDisposable
{
    private const int Writers = 4;
    private const int Steps = 1500;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WriterPath => typeof(ConcurrentWritersTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConcurrentWriterPath").Value!;

    private static Process StartWriter(string db, int index, int steps, string end = "finish")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { WriterPath, db, "concurrency", index.ToString(System.Globalization.CultureInfo.InvariantCulture), steps.ToString(System.Globalization.CultureInfo.InvariantCulture), end })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task ACrashOfTheTrainingProcessEndsItsRunFailedWithTheErrorAndKeepsItsMetrics()
    {
        var db = _folder.File("mlflow.db");
        using var process = StartWriter(db, 0, 250, "crash");
        var runId = (await process.StandardOutput.ReadLineAsync())!;
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Equal("FAILED", Sql.Scalar(db, "SELECT status FROM runs WHERE run_uuid = $id", ("$id", runId)));
        Assert.NotNull(Sql.Scalar(db, "SELECT end_time FROM runs WHERE run_uuid = $id", ("$id", runId)));
        Assert.Contains("simulated crash", (string)Sql.Scalar(db, "SELECT value FROM tags WHERE run_uuid = $id AND key = 'framework.error'", ("$id", runId))!, StringComparison.Ordinal);
        Assert.Equal(750L, Sql.Scalar(db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", runId)));
    }

    [Fact]
    public async Task AProcessThatExitsWithoutEndingItsRunLeavesItKilledNotRunning()
    {
        var db = _folder.File("mlflow.db");
        using var process = StartWriter(db, 0, 10, "exit");
        var runId = (await process.StandardOutput.ReadLineAsync())!;
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.Equal("KILLED", Sql.Scalar(db, "SELECT status FROM runs WHERE run_uuid = $id", ("$id", runId)));
        Assert.Equal(30L, Sql.Scalar(db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", runId)));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task ARunStoppedByASignalIsMarkedKilledWithItsEndTime(string signal)
    {
        var db = _folder.File("mlflow.db");
        using var process = StartWriter(db, 0, 10, "hang");
        var runId = (await process.StandardOutput.ReadLineAsync())!;
        Assert.Equal("ready", await process.StandardOutput.ReadLineAsync());

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal("KILLED", Sql.Scalar(db, "SELECT status FROM runs WHERE run_uuid = $id", ("$id", runId)));
        Assert.NotNull(Sql.Scalar(db, "SELECT end_time FROM runs WHERE run_uuid = $id", ("$id", runId)));
    }

    [Fact]
    public async Task FourProcessesWritingOneNewDatabaseAtOnceLoseNothing()
    {
        var db = _folder.File("mlflow.db");
        var processes = Enumerable.Range(0, Writers).Select(i => StartWriter(db, i, Steps)).ToList();

        foreach (var process in processes)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"writer exited {process.ExitCode}: {output} {error}");
            process.Dispose();
        }

        Assert.Equal(1L, Sql.Scalar(db, "SELECT COUNT(*) FROM experiments WHERE name = 'concurrency'"));
        var runs = Sql.Rows(db, "SELECT run_uuid, status FROM runs");
        Assert.Equal(Writers, runs.Count);
        Assert.All(runs, r => Assert.Equal("FINISHED", r[1]));
        foreach (var run in runs)
        {
            var id = (string)run[0]!;
            Assert.Equal(3L * Steps, Sql.Scalar(db, "SELECT COUNT(*) FROM metrics WHERE run_uuid = $id", ("$id", id)));
            Assert.Equal((long)Steps, Sql.Scalar(db, "SELECT COUNT(DISTINCT step) FROM metrics WHERE run_uuid = $id", ("$id", id)));
            Assert.Equal((long)(Steps - 1), Sql.Scalar(db, "SELECT step FROM latest_metrics WHERE run_uuid = $id AND key = 'train/step'", ("$id", id)));
            Assert.Equal(2L, Sql.Scalar(db, "SELECT COUNT(*) FROM params WHERE run_uuid = $id", ("$id", id)));
        }

        var writerIndexes = Sql.Rows(db, "SELECT value FROM params WHERE key = 'writer.index' ORDER BY value").Select(r => (string)r[0]!);
        Assert.Equal(["0", "1", "2", "3"], writerIndexes);
    }
}
