using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.Sweeps.EndToEnd;

/// <summary>
/// Sweeps through a real Slurm: the host submits job arrays and exits; the tasks run the trials and a dependent job
/// writes the summary. Skipped where no Slurm runs (see <see cref="SlurmFactAttribute"/>).
/// </summary>
public sealed partial class SlurmSweepTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-slurm-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess Host => new() { WorkingDirectory = _work };

    private string Database => Path.Combine(_work, "mlflow.db");

    private static string Quickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml");

    private static string SweepQuickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "sweep-quickstart.yaml");

    private string Write(string name, string text)
    {
        string path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Waits for the summary job: the parent run leaves RUNNING once every task has ended.</summary>
    private Task<List<MlflowRuns.Run>> SweepEnded() =>
        MlflowRuns.WaitUntil(Database, runs => runs.Any(r => r.Tags.ContainsKey("framework.sweep.parent") && r.Status != "RUNNING"), Patience, "the sweep's summary job");

    private static List<string> JobIds(string output) =>
        JobList().Match(output) is { Success: true } match ? match.Groups[1].Value.Split(", ").ToList() : throw new Xunit.Sdk.XunitException("no job ids in: " + output);

    [SlurmFact]
    public async Task TheSweepQuickstartRunsAsEightArrayTasksAllFinishedInMlflow()
    {
        var submitted = Host.Run("sweep", "run", SweepQuickstart, "--set", "training.epochs=20", "--launcher", "slurm", "--parallel", "2");

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Contains("Submitted 8 trial(s) as Slurm array job(s) ", submitted.Output, StringComparison.Ordinal);
        string job = Assert.Single(JobIds(submitted.Output));
        var runs = await SweepEnded();
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal(job, parent.Tag("framework.slurm.job_id"));
        Assert.Equal("slurm", parent.Tag("framework.sweep.launcher"));
        Assert.Equal(8, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{job}_{i}"), children.Select(c => c.Tag("framework.slurm.job_id")).Order(StringComparer.Ordinal));
        Assert.All(children, c => Assert.Equal(c.Tag("framework.slurm.job_id").Split('_')[1], c.Tag("framework.sweep.trial")));
        Assert.True(File.Exists(Path.Combine(parent.ArtifactUri, "summary", "configurations.csv")));

        var status = Host.Run("sweep", "status", SweepQuickstart, "--set", "training.epochs=20");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(8, Regex.Matches(status.Output, @"FINISHED\s+COMPLETED").Count);
    }

    [SlurmFact]
    public async Task AFailingTaskIsReportedWithItsReasonAndArraysAreSplitAtMaxArraySize()
    {
        string file = Write("diverging.yaml", $$"""
            defaults: [{{Quickstart}}]
            name: diverging-slurm
            model: {visible: gaussian}
            training: {epochs: 5, log_every: 1}
            sweep:
              parameters:
                model.sigma: [0.001, 1, 2]
              launcher: slurm
              slurm: {max_array_size: 2}
            """);

        var submitted = Host.Run("sweep", "run", file);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Equal(2, JobIds(submitted.Output).Count);
        var runs = await SweepEnded();
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent).OrderBy(c => c.Tag("framework.sweep.trial"), StringComparer.Ordinal).ToList();
        Assert.Equal("FAILED", parent.Status);
        Assert.Equal(["FAILED", "FINISHED", "FINISHED"], children.Select(c => c.Status));
        Assert.StartsWith("TrainingDivergedException: train/loss became", children[0].Tag("framework.error"), StringComparison.Ordinal);
        Assert.EndsWith("_0", children[2].Tag("framework.slurm.job_id"), StringComparison.Ordinal); // trial 2 is task 0 of the second array

        var status = Host.Run("sweep", "status", file);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"\n0\s+0\.001\s+FAILED\s+FAILED \(exit 1\)", status.Output);
        Assert.Contains("trial 0 FAILED: TrainingDivergedException: train/loss became", status.Output, StringComparison.Ordinal);
    }

    [SlurmFact]
    public async Task ATaskCancelledWithScancelIsCompletedBySweepResumeInsideItsOwnRun()
    {
        string file = Write("long.yaml", $$"""
            defaults: [{{Quickstart}}]
            name: cancel-slurm
            training: {epochs: 4000, batch_size: 300, eval_every: 0, checkpoint_every: 0, sample_every: 0, log_every: 10}
            sweep:
              parameters:
                model.hidden: [8]
              repeats: 2
              launcher: slurm
              parallel: 2
            """);

        var submitted = Host.Run("sweep", "run", file);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        string job = Assert.Single(JobIds(submitted.Output));
        var training = await MlflowRuns.WaitUntil(Database, runs => runs.Any(r => r.Name.StartsWith("t000", StringComparison.Ordinal) && r.Status == "RUNNING"
            && MlflowRuns.Metric(Database, r.Id, "epoch").Count > 0), Patience, "trial 0 to train");
        string cancelledRun = training.Single(r => r.Name.StartsWith("t000", StringComparison.Ordinal)).Id;
        using (var scancel = Process.Start("scancel", [$"{job}_0"]))
            await scancel.WaitForExitAsync();

        var ended = await SweepEnded();
        Assert.Equal("KILLED", ended.Single(r => r.Id == cancelledRun).Status);
        var other = ended.Single(r => r.Name.StartsWith("t001", StringComparison.Ordinal));
        Assert.Equal("FINISHED", other.Status);
        var status = Host.Run("sweep", "status", file);
        Assert.Matches(@"\n0\s+8\s+1\s+KILLED\s+CANCELLED", status.Output);

        var resumed = Host.Run("sweep", "resume", file);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Submitted 1 trial(s)", resumed.Output, StringComparison.Ordinal);
        await MlflowRuns.WaitUntil(Database, runs => runs.Any(r => r.Tags.ContainsKey("framework.sweep.parent") && r.Status == "FINISHED"), Patience, "the resumed sweep to finish");
        var runs = MlflowRuns.All(Database);
        Assert.Equal(3, runs.Count);
        Assert.Equal("FINISHED", runs.Single(r => r.Id == cancelledRun).Status);
        Assert.Equal(other.EndTime, runs.Single(r => r.Id == other.Id).EndTime);
        Assert.Equal(4000, MlflowRuns.Metric(Database, cancelledRun, "epoch").Count);
        Assert.NotEqual(job, MlflowRuns.Parent(runs).Tag("framework.slurm.job_id"));
        Assert.Equal(2, MlflowRuns.Parent(runs).Tag("framework.slurm.job_ids").Split(',').Length);
    }

    [SlurmFact]
    public async Task ATpeSearchRunsInWavesWithNoProcessOfOursAliveBetweenThem()
    {
        string file = Write("branin.yaml", """
            model: {plugin: objective, function: branin}
            dataset: {plugin: one-example}
            training: {epochs: 2, sample_every: 0, eval_every: 1}
            sweep:
              search: tpe
              trials: 6
              startup_trials: 2
              seed: 3
              metric: test/objective
              goal: minimize
              parallel: 2
              parameters:
                model.x1: {uniform: [-5, 10]}
                model.x2: {uniform: [0, 15]}
            """);
        string plugins = Path.Combine(TestPaths.FixturePlugins, "FixtureObjective");

        var submitted = Host.Run("run", file, "--plugins", plugins, "--set", "sweep.launcher=slurm");

        // The host submitted the first wave and exited; the waves after it are submitted by the waves' own summary jobs.
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Contains("Submitted 2 trial(s) as Slurm array job(s) ", submitted.Output, StringComparison.Ordinal);
        var runs = await MlflowRuns.WaitUntil(Database, runs => runs.Any(r => r.Tags.ContainsKey("framework.sweep.parent") && r.Status != "RUNNING"),
            TimeSpan.FromMinutes(8), "the search's last wave and summary");
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal(6, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        // Three waves, three array jobs; each trial ran as a task of its wave's array.
        var arrays = parent.Tag("framework.slurm.job_ids").Split(',');
        Assert.Equal(3, arrays.Length);
        Assert.All(children, c => Assert.Contains(c.Tag("framework.slurm.job_id").Split('_')[0], arrays));
        Assert.Equal(6, parent.Tags.Count(t => t.Key.StartsWith("framework.sweep.proposal.", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"Slurm array job\(s\) ([0-9, ]+);")]
    private static partial Regex JobList();
}
