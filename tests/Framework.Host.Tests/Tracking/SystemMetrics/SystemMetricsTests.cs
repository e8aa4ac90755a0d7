using System.Globalization;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;
using Framework.Host.Tracking.SystemMetrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Tracking.SystemMetrics;

/// <summary>MLflow's system metrics: the environment variables, the monitor's steps and means, and the /proc readers.</summary>
public sealed class SystemMetricsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SystemMetricsOptions FromEnvironment(params (string Name, string Value)[] variables) =>
        SystemMetricsOptions.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void TheCadenceIsMlflowsTenSecondsAndOneSampleUnlessItsVariablesSayOtherwise()
    {
        Assert.Equal(new SystemMetricsOptions(TimeSpan.FromSeconds(10), 1, "system/"), FromEnvironment());
        Assert.Equal(new SystemMetricsOptions(TimeSpan.FromSeconds(0.5), 3, "system/node-2/"), FromEnvironment(
            (SystemMetricsOptions.IntervalVariable, "0.5"), (SystemMetricsOptions.SamplesVariable, "3"), (SystemMetricsOptions.NodeIdVariable, "node-2")));
        // MLflow reads `VARIABLE.get() or default`: 0 is the default.
        Assert.Equal(SystemMetricsOptions.Default, FromEnvironment((SystemMetricsOptions.IntervalVariable, "0"), (SystemMetricsOptions.SamplesVariable, "0")));

        var error = Assert.Throws<ArgumentException>(() => FromEnvironment((SystemMetricsOptions.IntervalVariable, "ten")));
        Assert.Contains("MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL='ten'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FromEnvironment((SystemMetricsOptions.SamplesVariable, "1.5")));
        Assert.Throws<ArgumentException>(() => FromEnvironment((SystemMetricsOptions.IntervalVariable, "-1")));
    }

    /// <summary>A source with known values, to check the monitor's arithmetic (the real sources are tested below).</summary>
    private sealed class Counting(bool latest) : ISystemSampler
    {
        private int _calls;

        public bool LogsLatest => latest;

        public void Sample(IDictionary<string, double> values) => values[latest ? "total" : "level"] = ++_calls * 1.04;

        public void Dispose()
        {
        }
    }

    [Fact]
    public void EachStepLogsTheMeanOfItsSamplesRoundedToOneDecimalAndRunningTotalsTheirLatestValueUnrounded()
    {
        var published = new List<(IReadOnlyDictionary<string, double> Values, long Step)>();
        using var monitor = new SystemMetricsMonitor([new Counting(false), new Counting(true)], SystemMetricsOptions.Default, firstStep: 7,
            (values, step) => published.Add((values, step)), NullLogger.Instance);

        monitor.SampleOnce();
        monitor.SampleOnce();
        monitor.PublishPending();
        monitor.SampleOnce();
        monitor.PublishPending();
        monitor.PublishPending(); // nothing sampled: nothing logged, no step used

        Assert.Equal([7L, 8L], published.Select(p => p.Step));
        Assert.Equal(1.6, published[0].Values["system/level"]);   // mean of 1.04 and 2.08 = 1.56
        Assert.Equal(2.08, published[0].Values["system/total"]);  // latest, unrounded as MLflow's network monitor logs it
        Assert.Equal(3.1, published[1].Values["system/level"]);   // 3.12
        Assert.Equal(9, monitor.NextStep);
    }

    [Fact]
    public void TheProcReadersReportThisMachinesCpuMemoryDiskAndNetwork()
    {
        var values = new Dictionary<string, double>();
        using (var cpu = new CpuMemorySampler())
        {
            Thread.SpinWait(5_000_000);
            cpu.Sample(values);
        }

        using (var disk = new DiskSampler())
            disk.Sample(values);
        using (var network = new NetworkSampler())
            network.Sample(values);

        Assert.InRange(values["cpu_utilization_percentage"], 0, 100);
        var totalMb = ProcFiles.MemInfo()["MemTotal"] / 1e6;
        Assert.InRange(values["system_memory_usage_megabytes"], 1, totalMb);
        Assert.Equal(100 * values["system_memory_usage_megabytes"] / totalMb, values["system_memory_usage_percentage"], 6);
        // psutil 7.1+'s used memory (what an MLflow installed today logs): total - MemAvailable, read again a moment later.
        var meminfo = ProcFiles.MemInfo();
        Assert.InRange(values["system_memory_usage_megabytes"], (meminfo["MemTotal"] - meminfo["MemAvailable"]) / 1e6 - 0.05 * totalMb,
            (meminfo["MemTotal"] - meminfo["MemAvailable"]) / 1e6 + 0.05 * totalMb);
        // This test process holds at least its runtime, and less than the machine.
        Assert.InRange(values[CpuMemorySampler.ProcessRssKey], 10, totalMb);
        var root = new DriveInfo("/");
        Assert.Equal((root.TotalSize - root.TotalFreeSpace) / 1e6, values["disk_usage_megabytes"], 0);
        Assert.InRange(values["disk_usage_percentage"], 0.001, 100);
        Assert.True(values["disk_available_megabytes"] > 0);
        Assert.True(values["network_receive_megabytes"] >= 0 && values["network_transmit_megabytes"] >= 0);
    }

    [Fact]
    public void NetworkTotalsAddEveryInterfacesReceivedAndSentBytes()
    {
        var file = _folder.File("dev");
        File.WriteAllText(file, """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:  1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0
              eth0: 2500000    2000    0    0    0     0          0         0   300000    1500    0    0    0     0       0          0
            """);
        Assert.Equal((2_501_000L, 301_000L), NetworkSampler.Totals(file));
    }

    [Fact]
    public void WithoutNvidiasLibraryTheGpuSourceSaysItIsAbsentAndWithItReportsEveryDevice()
    {
        var gpus = NvmlGpuSampler.TryOpen(out var reason);
        if (gpus is null)
        {
            // This machine (and CI) has no NVIDIA driver: no GPU source, a reason, nothing thrown.
            Assert.False(File.Exists("/dev/nvidia0") && System.Runtime.InteropServices.NativeLibrary.TryLoad("libnvidia-ml.so.1", out _));
            Assert.True(reason.Contains("absent", StringComparison.Ordinal) || reason.Contains("no GPU", StringComparison.Ordinal), reason);
        }
        else
        {
            using (gpus)
            {
                var values = new Dictionary<string, double>();
                gpus.Sample(values);
                Assert.InRange(values["gpu_0_memory_usage_percentage"], 0, 100);
                Assert.InRange(values["gpu_0_utilization_percentage"], 0, 100);
                Assert.Equal(gpus.DeviceCount, values.Keys.Count(k => k.EndsWith("_memory_usage_megabytes", StringComparison.Ordinal)));
            }
        }

        Assert.Null(NvmlGpuSampler.TryOpen("libnot-a-library-xyz.so", out var missing));
        Assert.Contains("absent", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunLogsSystemStepsFromZeroAndAResumedRunContinuesAfterItsLastStep()
    {
        var db = _folder.File("mlflow.db");
        var fast = new SystemMetricsOptions(TimeSpan.FromMilliseconds(40), 1, "system/");
        string runId;
        using (var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(db), NullLogger.Instance) { SystemMetricsOptions = fast })
        {
            using var run = tracker.StartRun(new RunStartRequest("physics", "trial", new Dictionary<string, string>()) { SystemMetrics = true });
            runId = run.RunId;
            WaitForSteps(db, runId, 3);
            run.End(RunStatus.Killed);
        }

        var before = Steps(db, runId);
        using (var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(db), NullLogger.Instance) { SystemMetricsOptions = fast })
        {
            using var run = tracker.StartRun(new RunStartRequest("physics", "trial", new Dictionary<string, string>(), ResumeRunId: runId) { SystemMetrics = true });
            WaitForSteps(db, runId, before.Count + 2);
            run.End(RunStatus.Finished);
        }

        var after = Steps(db, runId);
        Assert.Equal(Enumerable.Range(0, before.Count).Select(i => (long)i), before);
        Assert.Equal(Enumerable.Range(0, after.Count).Select(i => (long)i), after);
        Assert.True(after.Count >= before.Count + 2);
        // Every step carries the CPU, memory, disk and network keys, once each.
        var keys = Sql.Rows(db, "SELECT key, count(*) FROM metrics WHERE run_uuid = $id GROUP BY key", ("$id", runId))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        foreach (var key in new[] { "cpu_utilization_percentage", "system_memory_usage_megabytes", "system_memory_usage_percentage",
                     "disk_usage_percentage", "disk_usage_megabytes", "disk_available_megabytes", "network_receive_megabytes", "network_transmit_megabytes" })
            Assert.Equal(after.Count, keys["system/" + key]);

        // And a run without them logs none.
        using (var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(db), NullLogger.Instance) { SystemMetricsOptions = fast })
        {
            using var run = tracker.StartRun(new RunStartRequest("physics", "quiet", new Dictionary<string, string>()));
            Thread.Sleep(300);
            run.End(RunStatus.Finished);
            Assert.Equal(0L, Sql.Scalar(db, "SELECT count(*) FROM metrics WHERE run_uuid = $id", ("$id", run.RunId)));
        }
    }

    private static List<long> Steps(string db, string runId) =>
        Sql.Rows(db, "SELECT step FROM metrics WHERE run_uuid = $id AND key = 'system/cpu_utilization_percentage' ORDER BY step", ("$id", runId))
            .Select(r => (long)r[0]!).ToList();

    private static void WaitForSteps(string db, string runId, int steps)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Steps(db, runId).Count < steps)
        {
            Assert.True(DateTime.UtcNow < deadline, string.Create(CultureInfo.InvariantCulture, $"fewer than {steps} system steps after 30 s"));
            Thread.Sleep(50);
        }
    }
}
