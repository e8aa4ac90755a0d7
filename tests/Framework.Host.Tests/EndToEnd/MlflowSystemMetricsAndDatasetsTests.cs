using System.Text.Json;
using Framework.Host.Tests.Support;
using Framework.Host.Tests.Tracking.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

/// <summary>
/// What MLflow's System Metrics tab and Dataset column read, from runs of the real host: the <c>system/</c> metrics and
/// the datasets, inputs and input_tags rows in mlflow.db.
/// </summary>
public sealed class MlflowSystemMetricsAndDatasetsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-sysdata-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private string Database => Path.Combine(_work, "mlflow.db");

    private static string Quickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml");

    private HostProcess Host(params (string Name, string Value)[] environment)
    {
        var host = new HostProcess { WorkingDirectory = _work };
        // Never a developer's own cadence: the tests set it where they need it.
        host.Environment["MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL"] = "";
        host.Environment["MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING"] = "";
        host.Environment["MLFLOW_SYSTEM_METRICS_NODE_ID"] = "";
        foreach (var (name, value) in environment)
            host.Environment[name] = value;
        return host;
    }

    [Fact]
    public void ATrainingRunLogsSystemMetricsAtMlflowsCadenceAndItsTrainingAndTestDatasets()
    {
        // MLflow's own variables (its client honours them too): a sample every 0.5 s, the mean of 2 logged per step,
        // so a step each second of the run. 1,500 epochs of the quickstart train for about 10 s here (its own 300 took
        // 2.3 s once, too few for three steps on a quiet machine).
        var result = Host(("MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL", "0.5"), ("MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING", "2"))
            .Run("run", Quickstart, "--set", "training.epochs=1500", "--set", "training.eval_every=500");
        Assert.True(result.ExitCode == 0, result.ToString());

        var points = Sql.Rows(Database, "SELECT key, step, timestamp, value FROM metrics WHERE key LIKE 'system/%' ORDER BY key, step")
            .GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.Select(r => (Step: (long)r[1]!, Time: (long)r[2]!, Value: (double)r[3]!)).ToList());
        var mlflowKeys = new[]
        {
            "cpu_utilization_percentage", "system_memory_usage_megabytes", "system_memory_usage_percentage", "disk_usage_percentage",
            "disk_usage_megabytes", "disk_available_megabytes", "network_receive_megabytes", "network_transmit_megabytes",
        };
        foreach (var key in mlflowKeys)
        {
            var series = points["system/" + key];
            Assert.True(series.Count >= 3, $"{key}: {series.Count} points\n{result}");
            // MLflow's monitor numbers its own steps 0, 1, 2, ...
            Assert.Equal(Enumerable.Range(0, series.Count).Select(i => (long)i), series.Select(p => p.Step));
        }

        var cpu = points["system/cpu_utilization_percentage"];
        Assert.All(cpu, p => Assert.InRange(p.Value, 0, 100));
        Assert.Contains(cpu, p => p.Value > 0);
        Assert.All(points["system/system_memory_usage_percentage"], p => Assert.InRange(p.Value, 0.1, 100));
        Assert.All(points["system/disk_usage_megabytes"], p => Assert.True(p.Value > 0));
        // Two samples of 0.5 s per step: steps about a second apart, not half a second.
        var gaps = cpu.Zip(cpu.Skip(1), (a, b) => b.Time - a.Time).Order().ToList();
        Assert.InRange(gaps[gaps.Count / 2], 900, 3000);
        // The whole run: the first step within ~1 s of the run's start, the last within ~1 s of its end.
        var run = Sql.Rows(Database, "SELECT start_time, end_time FROM runs").Single();
        Assert.InRange(cpu[0].Time - (long)run[0]!, 500, 4000);
        Assert.InRange((long)run[1]! - cpu[^1].Time, 0, 3000);

        // The datasets: bars-and-stripes 4x4, 30 patterns repeated 10 times for training and once for testing.
        var runId = (string)Sql.Scalar(Database, "SELECT run_uuid FROM runs")!;
        var rows = Sql.Rows(Database, """
            SELECT t.value, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile, i.destination_id
            FROM datasets d JOIN inputs i ON i.source_id = d.dataset_uuid AND i.source_type = 'DATASET' AND i.destination_type = 'RUN'
            JOIN input_tags t ON t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context' ORDER BY t.value DESC
            """);
        Assert.Equal(["training", "testing"], rows.Select(row => (string)row[0]!));
        Assert.Equal(["bars-and-stripes-4x4-train", "bars-and-stripes-4x4-test"], rows.Select(row => (string)row[1]!));
        Assert.All(rows, row => Assert.Matches("^[0-9a-f]{8}$", (string)row[2]!));
        Assert.NotEqual(rows[0][2], rows[1][2]);
        Assert.All(rows, row => Assert.Equal("code", row[3]));
        Assert.All(rows, row => Assert.Equal(runId, row[7]));
        using var source = JsonDocument.Parse((string)rows[0][4]!);
        Assert.Equal("bars-and-stripes", source.RootElement.GetProperty("tags").GetProperty("generator").GetString());
        Assert.Equal("10", source.RootElement.GetProperty("tags").GetProperty("repeats").GetString());
        using var schema = JsonDocument.Parse((string)rows[0][5]!);
        using var features = JsonDocument.Parse(schema.RootElement.GetProperty("mlflow_tensorspec").GetProperty("features").GetString()!);
        Assert.Equal("float32", features.RootElement[0].GetProperty("tensor-spec").GetProperty("dtype").GetString());
        Assert.Equal([-1, 4, 4], features.RootElement[0].GetProperty("tensor-spec").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        using var trainProfile = JsonDocument.Parse((string)rows[0][6]!);
        using var testProfile = JsonDocument.Parse((string)rows[1][6]!);
        Assert.Equal([300, 4, 4], trainProfile.RootElement.GetProperty("features_shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(300 * 16 * 4, trainProfile.RootElement.GetProperty("features_nbytes").GetInt64());
        Assert.Equal([30, 4, 4], testProfile.RootElement.GetProperty("features_shape").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void TrackingSystemMetricsFalseLogsNoneAndABadValueIsRefusedBeforeAnythingStarts()
    {
        var fast = Host(("MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL", "0.2"));
        var result = fast.Run("run", Quickstart, "--set", "tracking.system_metrics=false", "--set", "training.epochs=100");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0L, Sql.Scalar(Database, "SELECT count(*) FROM metrics WHERE key LIKE 'system/%'"));
        Assert.NotEqual(0L, Sql.Scalar(Database, "SELECT count(*) FROM metrics WHERE key = 'train/loss'"));
        Assert.Equal(2L, Sql.Scalar(Database, "SELECT count(*) FROM inputs"));

        var bad = fast.Run("run", Quickstart, "--set", "tracking.system_metrics=sometimes");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("system_metrics", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1L, Sql.Scalar(Database, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public void ASweepsTrialsShareOneDatasetRowEachWithItsOwnLinks()
    {
        var file = Path.Combine(_work, "sweep.yaml");
        File.WriteAllText(file, $$"""
            defaults: [{{Quickstart}}]
            name: shared-data
            training: {epochs: 5}
            sweep:
              parameters:
                model.hidden: [4, 8]
            """);
        var result = Host().Run("sweep", "run", file);
        Assert.True(result.ExitCode == 0, result.ToString());

        var trials = Sql.Rows(Database, "SELECT run_uuid FROM runs WHERE run_uuid IN (SELECT run_uuid FROM tags WHERE key = 'mlflow.parentRunId')")
            .Select(r => (string)r[0]!).Order().ToList();
        Assert.Equal(2, trials.Count);
        var datasets = Sql.Rows(Database, "SELECT name, experiment_id FROM datasets ORDER BY name");
        Assert.Equal(["bars-and-stripes-4x4-test", "bars-and-stripes-4x4-train"], datasets.Select(d => (string)d[0]!));
        foreach (var (name, _) in datasets.Select(d => ((string)d[0]!, d[1])))
        {
            var linked = Sql.Rows(Database, "SELECT i.destination_id FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id WHERE d.name = $name ORDER BY 1",
                ("$name", name)).Select(r => (string)r[0]!);
            Assert.Equal(trials, linked);
        }

        Assert.Equal(4L, Sql.Scalar(Database, "SELECT count(DISTINCT input_uuid) FROM input_tags"));
    }
}
