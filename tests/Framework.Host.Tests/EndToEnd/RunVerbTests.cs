using System.Diagnostics;
using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

public sealed class RunVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-run-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess Host => new() { WorkingDirectory = _work };

    private static string Quickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml");

    [Fact]
    public void TheQuickstartRunsToCompletionAndIsRecordedInMlflowsStore()
    {
        var result = Host.Run("run", Quickstart, "--set", "training.epochs=20", "--set", "training.eval_every=10",
            "--set", "training.final_sample_count=300");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("FINISHED", result.Output);
        using var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}");
        db.Open();
        Assert.Equal("FINISHED", Scalar(db, "select status from runs"));
        Assert.Equal("rbm", Scalar(db, "select value from params where key = 'model.plugin'"));
        Assert.Equal("20", Scalar(db, "select value from params where key = 'training.epochs'"));
        Assert.NotEqual(0L, Scalar(db, "select count(*) from metrics where key = 'train/loss'"));
        Assert.NotEqual(0L, Scalar(db, "select count(*) from latest_metrics where key = 'throughput/samples_per_s'"));
        Assert.NotEqual(0L, Scalar(db, "select count(*) from metrics where key = 'test/loglik'"));
        Assert.Equal("quickstart", Scalar(db, "select name from experiments where experiment_id = 1"));
        // The plugin's tag (contracts 1.1 SetTag) says which log Z test/loglik rests on.
        Assert.Equal("exact", Scalar(db, "select value from tags where key = 'framework.loglik_estimator'"));

        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();
        Assert.True(File.Exists(Path.Combine(runFolder, "config.yaml")));
        Assert.True(File.Exists(Path.Combine(runFolder, "checkpoints", "last.ckpt")));
        Assert.Contains("Run ", File.ReadAllText(Path.Combine(runFolder, "run.log")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(runFolder, "artifacts", "samples"), "*.png"));
        // The final samples are kept whole for scoring outside the run (300 lattices of 4×4 float32 after the
        // 128-byte .npy header), beside their picture.
        Assert.True(File.Exists(Path.Combine(runFolder, "artifacts", "samples", "final.png")));
        Assert.Equal(128 + 300 * 16 * 4, new FileInfo(Path.Combine(runFolder, "artifacts", "samples", "final.npy")).Length);
    }

    [Fact]
    public void AFileWithManyMistakesExitsWithTwoListsEachWithLineAndColumnAndCreatesNothing()
    {
        string file = Path.Combine(_work, "bad.yaml");
        File.WriteAllText(file, """
            name: bad
            model:
              plugin: rbm
              hiden: 16
            dataset:
              plugin: bars-and-stripez
            training:
              epochs: many
              batch_size: 0
            """);

        var result = Host.Run("run", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{file}:4:3:", result.Error);   // unknown key, with a suggestion
        Assert.Contains("did you mean 'hidden'", result.Error);
        Assert.Contains($"{file}:6:11:", result.Error);  // unknown plugin, with the available ones
        Assert.Contains("bars-and-stripes", result.Error);
        Assert.Contains($"{file}:8:11:", result.Error);  // wrong type
        Assert.Contains($"{file}:9:15:", result.Error);  // out of range
        Assert.False(File.Exists(Path.Combine(_work, "mlflow.db")));
        Assert.False(Directory.Exists(Path.Combine(_work, "runs")));
    }

    [Fact]
    public void AYamlSyntaxErrorExitsWithTwoAndItsPosition()
    {
        string file = Path.Combine(_work, "broken.yaml");
        File.WriteAllText(file, "model:\n  plugin: rbm\n  hidden: [16\ndataset:\n  plugin: bars-and-stripes\n");

        var result = Host.Run("validate", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: ", result.Error);
    }

    [Fact]
    public async Task CtrlCSavesACheckpointMarksTheRunKilledAndTheRunResumesToTheEnd()
    {
        using var process = Host.Start("run", Quickstart, "--set", "training.epochs=2000", "--set", "training.batch_size=300", "--set", "training.eval_every=0", "--set", "training.checkpoint_every=0", "--set", "training.log_every=10");
        var output = process.StandardOutput.ReadToEndAsync();
        await ReadUntilAsync(process.StandardError, "Run ").WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(500); // let it train for a moment
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the run did not stop after SIGINT");

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{await output}");
        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();
        Assert.True(File.Exists(Path.Combine(runFolder, "checkpoints", "last.ckpt")));
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}"))
        {
            db.Open();
            Assert.Equal("KILLED", Scalar(db, "select status from runs"));
        }
        SqliteConnection.ClearAllPools();

        var resumed = Host.Run("run", Quickstart, "--set", "training.epochs=2000", "--set", "training.batch_size=300", "--set", "training.eval_every=0", "--set", "training.checkpoint_every=0", "--set", "training.log_every=10", "--resume", runFolder);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var after = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}");
        after.Open();
        Assert.Equal(1L, Scalar(after, "select count(*) from runs"));
        Assert.Equal("FINISHED", Scalar(after, "select status from runs"));
        Assert.Equal(2000L, Scalar(after, "select max(value) from metrics where key = 'epoch'") is double d ? (long)d : -1);
    }

    [Fact]
    public void AResumeWithAChangedConfigurationIsRefused()
    {
        var first = Host.Run("run", Quickstart, "--set", "training.epochs=2");
        Assert.True(first.ExitCode == 0, first.ToString());
        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();

        var resumed = Host.Run("run", Quickstart, "--set", "training.epochs=2", "--set", "model.hidden=8", "--resume", runFolder);

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("configuration changed", resumed.Error);
        Assert.Contains("model.hidden was 16, now 8", resumed.Error);
    }

    [Fact]
    public void ARunCheckpointedBeforeAnOptionExistedResumesWithItsDefaultAndLogsIt()
    {
        var first = Host.Run("run", Quickstart, "--set", "training.epochs=2");
        Assert.True(first.ExitCode == 0, first.ToString());
        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();
        // As an older version wrote it: training.ema.warmup did not exist, in the checkpoint, config.yaml or MLflow.
        const string added = "training.ema.warmup";
        OlderCheckpoint.WithoutParameter(Path.Combine(runFolder, "checkpoints", "last.ckpt"), added);
        var config = Path.Combine(runFolder, "config.yaml");
        File.WriteAllLines(config, File.ReadAllLines(config).Where(l => l.Trim() != "warmup: false"));
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}"))
        {
            db.Open();
            Scalar(db, $"delete from params where key = '{added}'");
        }
        SqliteConnection.ClearAllPools();

        var resumed = Host.Run("run", "--resume", runFolder);
        var changed = Host.Run("run", Quickstart, "--set", "training.epochs=2", "--set", "training.ema.warmup=true", "--resume", runFolder);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"predates {added} (false)", resumed.Error);
        using var after = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}");
        after.Open();
        Assert.Equal(1L, Scalar(after, "select count(*) from runs"));
        Assert.Equal("false", Scalar(after, $"select value from params where key = '{added}'"));
        // The resumed run's checkpoint now records the option: a value other than the default is a change, refused.
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains($"{added} was false, now true", changed.Error);
    }

    [Fact]
    public void AnOlderCheckpointWithAValueChangedBesideTheAddedOptionIsRefused()
    {
        var first = Host.Run("run", Quickstart, "--set", "training.epochs=2");
        Assert.True(first.ExitCode == 0, first.ToString());
        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();
        OlderCheckpoint.WithoutParameter(Path.Combine(runFolder, "checkpoints", "last.ckpt"), "training.ema.warmup");

        var resumed = Host.Run("run", Quickstart, "--set", "training.epochs=2", "--set", "model.hidden=8", "--resume", runFolder);

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("model.hidden was 16, now 8", resumed.Error);
    }

    [Fact]
    public async Task AnInterruptedRunResumesWithThePrintedCommandFromAnyDirectoryKeepingItsOverridesAndPluginFolders()
    {
        string file = Path.Combine(_work, "gan.yaml");
        File.WriteAllText(file, "model: {plugin: gan-fixture}\ndataset: {plugin: gaussian-ring, train_count: 512}\ntraining: {epochs: 1000, threads: 1, eval_every: 0, checkpoint_every: 0}\n");
        using var process = Host.Start("--plugins", TestPaths.FixturePlugins, "run", file, "--set", "training.batch_size=32");
        var output = process.StandardOutput.ReadToEndAsync();
        await ReadUntilAsync(process.StandardError, "Run ").WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the run did not stop after SIGTERM");
        var printed = (await output).Split('\n').Single(l => l.Contains("resume with:", StringComparison.Ordinal)).Split("resume with:")[1].Trim();

        // As printed, from another directory: no file, no --set, no --plugins.
        var elsewhere = Directory.CreateTempSubdirectory("fw-elsewhere-").FullName;
        var resume = Process.Start(new ProcessStartInfo("bash", ["-c", printed])
        {
            WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["XDG_CONFIG_HOME"] = Path.Combine(_work, ".config"), ["MLFLOW_TRACKING_URI"] = "", ["FRAMEWORK_PLUGIN_PATH"] = "" },
        })!;
        var resumeOutput = resume.StandardOutput.ReadToEndAsync();
        var resumeError = resume.StandardError.ReadToEndAsync();
        Assert.True(resume.WaitForExit(TimeSpan.FromMinutes(5)), "the resumed run did not finish");

        Assert.True(resume.ExitCode == 0, $"{printed}\n{await resumeOutput}\n{await resumeError}");
        Assert.DoesNotContain("--set", printed);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        using var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}");
        db.Open();
        Assert.Equal(1L, Scalar(db, "select count(*) from runs"));
        Assert.Equal("FINISHED", Scalar(db, "select status from runs"));
        Assert.Equal("32", Scalar(db, "select value from params where key = 'training.batch_size'"));
    }

    [Fact]
    public void AFixturePluginFromAPluginFolderRunsWithoutHostChanges()
    {
        string file = Path.Combine(_work, "gan.yaml");
        File.WriteAllText(file, """
            model:
              plugin: gan-fixture
            dataset:
              plugin: gaussian-ring
              train_count: 512
            training:
              epochs: 2
              batch_size: 64
            """);

        var result = Host.Run("--plugins", TestPaths.FixturePlugins, "run", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("train/g_loss", result.Output);
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static async Task ReadUntilAsync(StreamReader reader, string marker)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                _ = reader.ReadToEndAsync(); // keep draining so the child never blocks on a full pipe
                return;
            }
        }
    }
}
