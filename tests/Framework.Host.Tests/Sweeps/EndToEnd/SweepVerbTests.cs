using System.Diagnostics;
using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.Sweeps.EndToEnd;

/// <summary>The sweep verbs through the real host process, with the local launcher and the real RBM plugin.</summary>
public sealed class SweepVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-sweep-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess Host => new() { WorkingDirectory = _work };

    private string Database => Path.Combine(_work, "mlflow.db");

    private static string SweepQuickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "sweep-quickstart.yaml");

    /// <summary>Two trials on Gaussian visible units: sigma 0.001 diverges within five steps, sigma 1 trains.</summary>
    private string DivergingSweep(string values = "[0.001, 1]") => Write("diverging.yaml", $$"""
        defaults: [{{Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml")}}]
        name: diverging
        model: {visible: gaussian}
        training: {epochs: 5, log_every: 1}
        sweep:
          parameters:
            model.sigma: {{values}}
        """);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RunOnAFileWithASweepSectionRunsTheSweep()
    {
        var result = Host.Run("run", SweepQuickstart, "--set", "training.epochs=5", "--set", "sweep.parallel=2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("8 trials", result.Output, StringComparison.Ordinal);
        var runs = MlflowRuns.All(Database);
        var parent = MlflowRuns.Parent(runs);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal(8, MlflowRuns.Children(runs, parent).Count(c => c.Status == "FINISHED"));
    }

    [Fact]
    public void TheSweepQuickstartRecordsAParentRunWithEightChildRunsAndTheSummary()
    {
        var result = Host.Run("sweep", "run", SweepQuickstart, "--set", "training.epochs=20", "--parallel", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var runs = MlflowRuns.All(Database);
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent);
        Assert.Equal(9, runs.Count);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal("[8, 16]", parent.Params["sweep.parameters.model.hidden"]);
        Assert.Equal("[0.05, 0.1]", parent.Params["sweep.parameters.training.optimizer.lr"]);
        Assert.Equal("2", parent.Params["sweep.repeats"]);
        Assert.Equal(8, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), children.Select(c => c.Tag("framework.sweep.trial")).Order());
        Assert.All(children, c => Assert.Equal(parent.Tag("framework.sweep.parent"), c.Tag("framework.sweep.id")));
        Assert.All(children, c => Assert.Equal("1", c.Tag("framework.sweep.attempt")));
        Assert.All(children, c => Assert.Equal(c.Tag("framework.sweep.trial_id"), c.Tag("framework.config_hash")));
        Assert.Equal(8, children.Select(c => c.Tag("framework.config_hash")).Distinct().Count());
        Assert.Equal(4, children.Select(c => c.Tag("framework.sweep.configuration")).Distinct().Count());
        Assert.Equal(["1", "2"], children.Select(c => c.Params["training.seed"]).Distinct().Order());

        // The summary: best trial on the parent, per-configuration table and plot as its artifacts, and printed.
        Assert.Contains(children, c => c.Id == parent.Tag("framework.sweep.best_run_id"));
        Assert.NotEmpty(MlflowRuns.Metric(Database, parent.Id, "best/test/loglik"));
        string artifacts = parent.ArtifactUri.Replace("file://", "", StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(artifacts, "summary", "configurations.csv"));
        Assert.Equal(5, table.Length);
        Assert.StartsWith("configuration,configuration_id,model.hidden,training.optimizer.lr,trials,finished,test/loglik mean,test/loglik std,test/loglik n", table[0], StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(artifacts, "summary", "summary.png")).Length > 1000);
        Assert.Contains("Per configuration: test/loglik (higher is better)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Best (*): trial ", result.Output, StringComparison.Ordinal);

        var status = Host.Run("sweep", "status", SweepQuickstart, "--set", "training.epochs=20");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("States: FINISHED 8", status.Output, StringComparison.Ordinal);
        Assert.Contains(parent.Id, status.Output, StringComparison.Ordinal);

        // Running a finished sweep again starts nothing.
        var again = Host.Run("sweep", "run", SweepQuickstart, "--set", "training.epochs=20");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("8 already finished, 0 to run", again.Error, StringComparison.Ordinal);
        Assert.Equal(9, MlflowRuns.All(Database).Count);
    }

    [Fact]
    public async Task ASweepKilledHalfWayCompletesOnlyTheMissingTrialsWhenRunAgainWithNoDuplicateRuns()
    {
        // Batches of 2 and many epochs make each trial take seconds, so the kill lands while trials are training, however
        // fast the machine (60 epochs were too few once the RBM's binary update got faster: the trial finished first).
        const int Epochs = 500;
        string[] args = ["sweep", "run", SweepQuickstart, "--set", $"training.epochs={Epochs}", "--set", "training.batch_size=2", "--set", "training.checkpoint_every=0", "--parallel", "2"];
        using (var launcher = Host.Start(args))
        {
            _ = launcher.StandardOutput.ReadToEndAsync();
            _ = launcher.StandardError.ReadToEndAsync();
            // Kill it (SIGKILL: no chance to clean up) once some trials finished while others are training.
            await MlflowRuns.WaitUntil(Database, runs => runs.Count(r => r.Name.StartsWith('t') && r.Status == "FINISHED") >= 2
                && runs.Any(r => r.Name.StartsWith('t') && r.Status == "RUNNING" && MlflowRuns.Metric(Database, r.Id, "epoch").Count > 0),
                TimeSpan.FromMinutes(4), "two finished trials and one training");
            launcher.Kill();
            await launcher.WaitForExitAsync();
        }

        // The orphaned trials notice their launcher is gone, checkpoint and end KILLED.
        var before = await MlflowRuns.WaitUntil(Database, runs => runs.Where(r => r.Name.StartsWith('t')).All(r => r.Status != "RUNNING"),
            TimeSpan.FromMinutes(1), "the orphaned trials to stop");
        var finishedBefore = before.Where(r => r.Name.StartsWith('t') && r.Status == "FINISHED").ToList();
        var killedBefore = before.Where(r => r.Status == "KILLED" && r.Name.StartsWith('t')).ToList();
        Assert.NotEmpty(killedBefore);
        Assert.True(finishedBefore.Count + killedBefore.Count < 8, "the kill came after the last trial started");

        var again = Host.Run(args);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"{finishedBefore.Count} already finished, {8 - finishedBefore.Count} to run", again.Error, StringComparison.Ordinal);
        var runs = MlflowRuns.All(Database);
        var children = MlflowRuns.Children(runs, MlflowRuns.Parent(runs));
        Assert.Equal(9, runs.Count);
        Assert.Equal(8, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(8, children.Select(c => c.Tag("framework.sweep.trial")).Distinct().Count());
        // Finished trials were not touched; killed ones went on inside their own MLflow runs, from their checkpoints.
        foreach (var finished in finishedBefore)
            Assert.Equal(finished.EndTime, children.Single(c => c.Id == finished.Id).EndTime);
        foreach (var killed in killedBefore)
        {
            var resumed = children.Single(c => c.Id == killed.Id);
            Assert.Equal("1", resumed.Tag("framework.sweep.attempt"));
            var epochs = MlflowRuns.Metric(Database, resumed.Id, "epoch");
            Assert.Equal(Epochs, epochs.Count);
            Assert.Equal(Enumerable.Range(1, Epochs).Select(e => (double)e), epochs.Select(p => p.Value));
        }
    }

    [Fact]
    public void ADivergingTrialFailsAloneWithItsReasonAsATagAndIsReportedWhenItHappens()
    {
        var result = Host.Run("sweep", "run", DivergingSweep());

        Assert.True(result.ExitCode == 1, result.ToString());
        int failed = result.Error.IndexOf("Trial 0 FAILED (attempt 1): TrainingDivergedException: train/loss became", StringComparison.Ordinal);
        int next = result.Error.IndexOf("Trial 1 started", StringComparison.Ordinal);
        Assert.True(failed >= 0 && next > failed, result.ToString());
        var runs = MlflowRuns.All(Database);
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent).OrderBy(c => c.Tag("framework.sweep.trial")).ToList();
        Assert.Equal("FAILED", parent.Status);
        Assert.Equal(["FAILED", "FINISHED"], children.Select(c => c.Status));
        Assert.StartsWith("TrainingDivergedException: train/loss became", children[0].Tag("framework.error"), StringComparison.Ordinal);
        Assert.Contains("trial 0 FAILED: TrainingDivergedException", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailFastStopsTheSweepAtItsFirstFailure()
    {
        var result = Host.Run("sweep", "run", DivergingSweep("[0.001, 1, 2]"), "--set", "sweep.failure=fail_fast");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Stopping the sweep: trial 0 failed and the failure policy is fail_fast", result.Error, StringComparison.Ordinal);
        var runs = MlflowRuns.All(Database);
        var child = Assert.Single(MlflowRuns.Children(runs, MlflowRuns.Parent(runs)));
        Assert.Equal("FAILED", child.Status);
        Assert.Contains("NOT STARTED 2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARetriedTrialGetsANewMlflowRunPerAttempt()
    {
        var result = Host.Run("sweep", "run", DivergingSweep("[0.001]"), "--set", "sweep.retry=1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Trial 0: retrying, attempt 2 of 2", result.Error, StringComparison.Ordinal);
        var runs = MlflowRuns.All(Database);
        var attempts = MlflowRuns.Children(runs, MlflowRuns.Parent(runs));
        Assert.Equal(["1", "2"], attempts.Select(a => a.Tag("framework.sweep.attempt")).Order());
        Assert.All(attempts, a => Assert.Equal("FAILED", a.Status));
        Assert.Equal(2, attempts.Select(a => a.Tag("framework.sweep.trial_key")).Distinct().Count());
    }

    [Fact]
    public void AnInvalidValueInAnyTrialStopsTheSweepBeforeAnythingIsCreated()
    {
        string file = Write("bad.yaml", $"""
            defaults: [{Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml")}]
            sweep:
              parameters:
                model.hidden: [16, 0]
                model.gibbs_steps: [1, 2]
            """);

        var result = Host.Run("sweep", "run", file);
        var validated = Host.Run("validate", file);
        var valid = Host.Run("validate", SweepQuickstart);
        var resume = Host.Run("sweep", "resume", SweepQuickstart);
        var run = Host.Run("run", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{file}:4:24: model.hidden:", result.Error, StringComparison.Ordinal);
        Assert.Contains("(in trials 2, 3: model.hidden=0 model.gibbs_steps=1)", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", result.Error, StringComparison.Ordinal);
        Assert.True(validated.ExitCode == 2, validated.ToString());
        Assert.Contains("(in trials 2, 3: model.hidden=0 model.gibbs_steps=1)", validated.Error, StringComparison.Ordinal);
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Contains(": 8 trials (4 configurations x 2 seeds), every one valid", valid.Output, StringComparison.Ordinal);
        Assert.True(resume.ExitCode == 2, resume.ToString());
        Assert.Contains("has not been started", resume.Error, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("(in trials 2, 3: model.hidden=0 model.gibbs_steps=1)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
        Assert.False(Directory.Exists(Path.Combine(_work, "runs")));
    }
}
