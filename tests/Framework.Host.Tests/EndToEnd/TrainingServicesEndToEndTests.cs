using System.Diagnostics;
using Framework.Host.Tests.Support;
using Framework.Host.Training;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

/// <summary>The training services through the real host process and MLflow's store: a learning-rate schedule on the
/// bundled RBM and VAE, a kill -9 and resume with a schedule, an average and accumulation, and the file checks.</summary>
public sealed class TrainingServicesEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-services-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess HostIn(string folder) => new() { WorkingDirectory = Directory.CreateDirectory(Path.Combine(_work, folder)).FullName };

    [Theory]
    [InlineData("rbm", "{plugin: rbm, hidden: 16, gibbs_steps: 2}", 0.1)]
    [InlineData("vae", "{plugin: vae, hidden: [16], latent_dim: 2, iwae_samples: 10, log_images: false}", 0.01)]
    public void UnderACosineScheduleWithAnEpochOfWarmUpTrainLrInMlflowFollowsTheSchedule(string name, string model, double lr)
    {
        var host = HostIn(name);
        var file = Path.Combine(host.WorkingDirectory, $"{name}.yaml");
        File.WriteAllText(file, $$"""
            model: {{model}}
            dataset: {plugin: bars-and-stripes, size: 4, repeats: 10}
            training:
              epochs: 3
              batch_size: 10
              threads: 1
              log_every: 1
              optimizer: {lr: {{lr}}, momentum: 0.9}
              schedule: {name: cosine, warmup_epochs: 1}
            """);

        var result = host.Run("run", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = Open(host);
        var logged = Rows(db, "select step, value from metrics where key = 'train/lr' order by step");
        // 300 examples in batches of 10: 30 steps an epoch, 90 in all, every one logged. The value at step k is the rate
        // of the step taken after k - 1 steps: a linear warm-up over the first 30, then half a cosine down to 0.
        Assert.Equal(Enumerable.Range(1, 90).Select(k => (long)k), logged.Select(r => r.Step));
        foreach (var (step, value) in logged)
        {
            var t = step - 1;
            var expected = t < 30 ? lr * (t + 1) / 30.0 : lr * 0.5 * (1 + Math.Cos(Math.PI * (t - 30) / 60.0));
            Assert.Equal(expected, value, 12);
        }
    }

    [Fact]
    public void AKillNineMidRunWithAScheduleAnAverageAndAccumulationResumesToTheFinalMetricsOfAnUninterruptedRun()
    {
        const string Yaml = """
            model: {plugin: diffusion-fixture, timesteps: 50}
            dataset: {plugin: gaussian-ring, train_count: 2048}
            training:
              epochs: 24
              batch_size: 64
              seed: 3
              threads: 1
              eval_every: 8
              checkpoint_every: 1
              accumulate_batches: 3
              optimizer: {name: adam, lr: 0.003}
              schedule: {name: cosine, warmup_epochs: 2, final_factor: 0.1}
              ema: {decay: 0.999, start_step: 10}
            """;
        var straight = HostIn("straight");
        File.WriteAllText(Path.Combine(straight.WorkingDirectory, "x.yaml"), Yaml);
        var whole = straight.Run("--plugins", TestPaths.FixturePlugins, "run", "x.yaml");
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var killed = HostIn("killed");
        File.WriteAllText(Path.Combine(killed.WorkingDirectory, "x.yaml"), Yaml);
        using (var process = killed.Start("--plugins", TestPaths.FixturePlugins, "run", "x.yaml"))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var checkpoint = WaitForCheckpointOfEpoch(killed.WorkingDirectory, 5, process);
            Assert.False(process.HasExited, "the run ended before it could be killed; give it more epochs");
            process.Kill(entireProcessTree: true);  // SIGKILL: no handler runs, nothing is written on the way out
            process.WaitForExit();
            Assert.True(CheckpointFile.ReadHeader(checkpoint).Epoch < 24);
        }

        var runFolder = Directory.GetDirectories(Path.Combine(killed.WorkingDirectory, "runs", "x")).Single();
        var resumed = killed.Run("--plugins", TestPaths.FixturePlugins, "run", "x.yaml", "--resume", runFolder);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var expected = Open(straight);
        using var actual = Open(killed);
        Assert.Equal("FINISHED", Scalar(actual, "select status from runs"));
        Assert.Equal(1L, Scalar(actual, "select count(*) from runs"));
        var final = FinalMetrics(expected);
        Assert.Contains("test/loss", final.Keys);
        Assert.Contains("train/lr", final.Keys);
        Assert.Equal(final, FinalMetrics(actual));
    }

    [Fact]
    public void FilesThatMisuseTheServicesAreRefusedWithEveryProblemAtItsPosition()
    {
        var host = HostIn("validate");
        var vae = Path.Combine(host.WorkingDirectory, "vae.yaml");
        File.WriteAllText(vae, """
            model: {plugin: vae, lr_schedule: cosine}
            dataset: {plugin: bars-and-stripes}
            training:
              optimizers:
                generator: {lr: 0.1}
              schedule: {name: cosine, warmup_steps: 5, warmup_epochs: 1}
            """);
        var rbm = Path.Combine(host.WorkingDirectory, "rbm.yaml");
        File.WriteAllText(rbm, """
            model: {plugin: rbm, momentum_switch_epoch: 5}
            dataset: {plugin: bars-and-stripes}
            training:
              accumulate_batches: 2
              optimizer: {name: adam}
            """);

        var vaeResult = host.Run("validate", vae);
        var rbmResult = host.Run("validate", rbm);

        Assert.Equal(2, vaeResult.ExitCode);
        Assert.Contains($"{vae}:1:22: model.lr_schedule: 'lr_schedule' is no longer an option of model (plugin 'vae'); write training.schedule.name instead", vaeResult.Error);
        Assert.Contains($"{vae}:4:3: training.optimizers: model plugin 'vae' has a single optimiser group; configure it in training.optimizer", vaeResult.Error);
        Assert.Contains($"{vae}:6:60: training.schedule: set one of warmup_steps and warmup_epochs, not both", vaeResult.Error);
        Assert.Equal(2, rbmResult.ExitCode);
        Assert.Contains($"{rbm}:1:22: model.momentum_switch_epoch: 'momentum_switch_epoch' is no longer an option of model (plugin 'rbm'); " +
                        "write training.schedule.momentum_warmup.epochs instead (with shape: step, the default)", rbmResult.Error);
        Assert.Contains($"{rbm}:4:23: training.accumulate_batches: model plugin 'rbm' updates its parameters in closed form, without gradients to accumulate", rbmResult.Error);
        Assert.Contains($"{rbm}:5:21: training.optimizer.name: model plugin 'rbm' updates its parameters in closed form by sgd; 'adam' is not allowed; allowed: sgd", rbmResult.Error);
        Assert.False(File.Exists(Path.Combine(host.WorkingDirectory, "mlflow.db")));
    }

    private static string WaitForCheckpointOfEpoch(string work, int epoch, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3) && !process.HasExited)
        {
            var runs = Path.Combine(work, "runs", "x");
            var checkpoint = Directory.Exists(runs)
                ? Directory.GetDirectories(runs).Select(f => Path.Combine(f, "checkpoints", "last.ckpt")).FirstOrDefault(File.Exists)
                : null;
            try
            {
                if (checkpoint is not null && CheckpointFile.ReadHeader(checkpoint).Epoch >= epoch)
                    return checkpoint;
            }
            catch (IOException)
            {
                // Being replaced at this moment; look again.
            }

            Thread.Sleep(5);
        }

        throw new TimeoutException($"no checkpoint of epoch {epoch} appeared (process exited: {process.HasExited})");
    }

    /// <summary>The last value of every training, test and samples metric: what a run ends with.</summary>
    private static Dictionary<string, double> FinalMetrics(SqliteConnection db) =>
        Rows(db, "select key, value from latest_metrics where key like 'train/%' or key like 'test/%' or key like 'samples/%'", r => r.GetString(0))
            .ToDictionary(r => r.Key, r => r.Value);

    private static SqliteConnection Open(HostProcess host)
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(host.WorkingDirectory, "mlflow.db")}");
        db.Open();
        return db;
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<(long Step, double Value)> Rows(SqliteConnection db, string sql) =>
        Rows(db, sql, r => r.GetInt64(0)).Select(r => (r.Key, r.Value)).ToList();

    private static List<(TKey Key, double Value)> Rows<TKey>(SqliteConnection db, string sql, Func<SqliteDataReader, TKey> key)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(TKey, double)>();
        while (reader.Read())
            rows.Add((key(reader), reader.GetDouble(1)));
        return rows;
    }
}
