using System.Globalization;
using Framework.Host.Tests.Support;
using Framework.Search;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.Sweeps.EndToEnd;

/// <summary>
/// TPE search and pruning through the real host process and launcher, on the objective fixture (a function with a
/// known optimum as a "model"), with every decision read back from the MLflow SQLite file.
/// </summary>
public sealed class SearchSweepTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-search-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private static string Plugins => Path.Combine(TestPaths.FixturePlugins, "FixtureObjective");

    private HostProcess HostIn(string folder) => new() { WorkingDirectory = folder };

    private static string Folder(string root, string name)
    {
        string path = Path.Combine(root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>TPE on branin: 8 trials, 4 of them random start-up trials, one at a time.</summary>
    private static string BraninSearch(string folder) => Write(folder, "branin.yaml", """
        model: {plugin: objective, function: branin}
        dataset: {plugin: one-example}
        training: {epochs: 2, sample_every: 0, eval_every: 1, checkpoint_every: 1}
        sweep:
          search: tpe
          trials: 8
          startup_trials: 4
          seed: 3
          metric: test/objective
          goal: minimize
          parameters:
            model.x1: {uniform: [-5, 10]}
            model.x2: {uniform: [0, 15]}
        """);

    private static string Write(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<int, string> Proposals(string database)
    {
        var parent = MlflowRuns.Parent(MlflowRuns.All(database));
        return parent.Tags.Where(t => t.Key.StartsWith("framework.sweep.proposal.", StringComparison.Ordinal))
            .ToDictionary(t => int.Parse(t.Key["framework.sweep.proposal.".Length..], CultureInfo.InvariantCulture), t => t.Value);
    }

    [Fact]
    public void ATpeSearchRecordsEachProposalOnTheParentAndEachTrialAsAChildRun()
    {
        string folder = Folder(_work, "plain");
        var result = HostIn(folder).Run("run", BraninSearch(folder), "--plugins", Plugins);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("8 trials (tpe search, no pruner)", result.Output, StringComparison.Ordinal);
        var database = Path.Combine(folder, "mlflow.db");
        var runs = MlflowRuns.All(database);
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal("tpe", parent.Params["sweep.search"]);
        Assert.Equal(8, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(Enumerable.Range(0, 8), Proposals(database).Keys.Order());
        Assert.All(children, c =>
        {
            double x1 = double.Parse(c.Params["model.x1"], CultureInfo.InvariantCulture), x2 = double.Parse(c.Params["model.x2"], CultureInfo.InvariantCulture);
            Assert.InRange(x1, -5, 10);
            Assert.InRange(x2, 0, 15);
        });
        Assert.True(parent.Tags.ContainsKey("framework.sweep.best_trial"));
        // The search's own pictures and the parameters' importance, on the parent run.
        string search = Path.Combine(parent.ArtifactUri, "summary", "search");
        foreach (var name in new[] { "optimization_history", "parallel_coordinates", "slice_model.x1", "slice_model.x2" })
        {
            Assert.True(new FileInfo(Path.Combine(search, name + ".png")).Length > 1000, name);
            Assert.True(File.Exists(Path.Combine(search, name + ".svg")), name);
        }

        // Each trial is exactly what the library's TPE proposes from the trials before it, as the store holds them: the
        // engine adds nothing of its own between the sampler and the runs.
        var space = new SearchSpace([new("model.x1", ParameterKind.Float, -5, 10), new("model.x2", ParameterKind.Float, 0, 15)]);
        var sampler = new TpeSampler(3, new TpeSettings { Direction = Direction.Minimize, StartupTrials = 4 });
        var byNumber = children.ToDictionary(c => int.Parse(c.Tag("framework.sweep.trial"), CultureInfo.InvariantCulture));
        var history = new List<TrialRecord>();
        for (int n = 0; n < 8; n++)
        {
            var proposed = sampler.Propose(space, history, n);
            var run = byNumber[n];
            foreach (var key in new[] { "model.x1", "model.x2" })
                Assert.Equal(((ParameterValue.Number)proposed[key]).Value.ToString("R", CultureInfo.InvariantCulture), run.Params[key]);
            double value = MlflowRuns.Metric(database, run.Id, "test/objective").Last().Value;
            history.Add(new TrialRecord(n, proposed, Framework.Search.TrialState.Complete, value, []));
        }

        var importance = File.ReadAllLines(Path.Combine(search, "parameter_importance.csv"));
        Assert.Equal("parameter,eta_squared,normalized_importance,bins,trials", importance[0]);
        Assert.Equal(["model.x1", "model.x2"], importance.Skip(1).Select(l => l.Split(',')[0]).Order());
    }

    [Fact]
    public async Task ATpeSearchKilledHalfWayContinuesWithTheTrialsAndResultOfAnUninterruptedOne()
    {
        string straight = Folder(_work, "straight"), killed = Folder(_work, "killed");
        var uninterrupted = HostIn(straight).Run("run", BraninSearch(straight), "--plugins", Plugins);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        string file = BraninSearch(killed), database = Path.Combine(killed, "mlflow.db");
        using (var launcher = HostIn(killed).Start("run", file, "--plugins", Plugins))
        {
            _ = launcher.StandardOutput.ReadToEndAsync();
            _ = launcher.StandardError.ReadToEndAsync();
            await MlflowRuns.WaitUntil(database, runs => runs.Count(r => r.Name.StartsWith('t') && r.Status == "FINISHED") >= 3,
                TimeSpan.FromMinutes(3), "three finished trials");
            launcher.Kill();  // SIGKILL: the launcher gets no chance to clean up
            await launcher.WaitForExitAsync();
        }

        await MlflowRuns.WaitUntil(database, runs => runs.Where(r => r.Name.StartsWith('t')).All(r => r.Status != "RUNNING"),
            TimeSpan.FromMinutes(1), "the orphaned trial to stop");
        int finishedBefore = MlflowRuns.All(database).Count(r => r.Name.StartsWith('t') && r.Status == "FINISHED");
        Assert.InRange(finishedBefore, 3, 7);

        var again = HostIn(killed).Run("run", file, "--plugins", Plugins);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Proposals(Path.Combine(straight, "mlflow.db")), Proposals(database));
        var runs = MlflowRuns.All(database);
        var children = MlflowRuns.Children(runs, MlflowRuns.Parent(runs));
        // No trial ran twice: one run per trial index, the interrupted one continued inside its own run.
        Assert.Equal(8, children.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(CultureInfo.InvariantCulture)), children.Select(c => c.Tag("framework.sweep.trial")).Order());
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        var best = MlflowRuns.Parent(MlflowRuns.All(Path.Combine(straight, "mlflow.db")));
        Assert.Equal(best.Tag("framework.sweep.best_trial"), MlflowRuns.Parent(runs).Tag("framework.sweep.best_trial"));
    }

    [Fact]
    public void AshaPrunesTrialsFromTheStoreAloneAndAPrunedTrialIsDoneNotFailed()
    {
        string folder = Folder(_work, "asha");
        string file = Write(folder, "curves.yaml", """
            model: {plugin: objective, function: curves}
            dataset: {plugin: one-example}
            training: {epochs: 9, sample_every: 0, eval_every: 1, checkpoint_every: 0}
            sweep:
              search: random
              trials: 8
              seed: 1
              metric: test/objective
              goal: minimize
              pruner: asha
              pruning: {min_resource: 1, reduction_factor: 3}
              parameters:
                model.lr: {log_uniform: [0.00001, 1]}
                model.width: {int: [8, 512]}
                model.act: [relu, tanh, sigmoid]
            """);

        var result = HostIn(folder).Run("run", file, "--plugins", Plugins);
        var again = HostIn(folder).Run("run", file, "--plugins", Plugins);

        Assert.True(result.ExitCode == 0, result.ToString());
        var database = Path.Combine(folder, "mlflow.db");
        var runs = MlflowRuns.All(database);
        var parent = MlflowRuns.Parent(runs);
        var children = MlflowRuns.Children(runs, parent);
        Assert.Equal(8, children.Count);
        var pruned = children.Where(c => c.Status == "KILLED").ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, c =>
        {
            Assert.Equal("true", c.Tag("framework.pruned"));
            int epoch = int.Parse(c.Tag("framework.pruned.epoch"), CultureInfo.InvariantCulture);
            Assert.InRange(epoch, 1, 8);
            // Pruned at that epoch's evaluation: nothing was trained after it.
            Assert.Equal(epoch, MlflowRuns.Metric(database, c.Id, "epoch").Count);
        });
        Assert.Contains("PRUNED=", parent.Tag("framework.sweep.states"), StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", parent.Tag("framework.sweep.states"), StringComparison.Ordinal);
        Assert.Equal("FINISHED", parent.Status);
        // Running the file again has nothing to do: pruned trials are done, and no new run appears.
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(runs.Count, MlflowRuns.All(database).Count);
    }
}
