using Framework.Host.Cli;
using Framework.Host.Tests.Plotting;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;

namespace Framework.Host.Tests.Reports;

/// <summary><c>report</c> on a real MLflow SQLite store holding runs of two families at two temperatures, as the
/// Ising files leave them.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fw-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Db => Path.Combine(_root, "mlflow.db");

    [Fact]
    public void FamiliesAreComparedOnEachObservableAlongTheParameterThatVaries()
    {
        using (var store = SqliteTrackingStore.Open(Db))
        {
            // Two RBM seeds at T = 1.5 average to -1.94; the GAN misses by +5%. A running run and a run without
            // observables (a sweep's parent) are left out.
            Run(store, "rbm-ising", "rbm", "1.5", energyData: -2.0, energySamples: -1.96);
            Run(store, "rbm-ising", "rbm", "1.5", energyData: -2.0, energySamples: -1.92);
            Run(store, "rbm-ising", "rbm", "3.0", energyData: -0.8, energySamples: -0.8);
            Run(store, "gan-ising", "gan", "1.5", energyData: -2.0, energySamples: -1.9);
            Run(store, "gan-ising", "gan", "3.0", energyData: -0.8, energySamples: -0.84);
            Run(store, "gan-ising", "gan", "3.0", energyData: -0.8, energySamples: 9, finished: false);
            Run(store, "gan-ising", "gan", "", energyData: null, energySamples: null);
        }
        var output = new StringWriter();
        var error = new StringWriter();
        var folder = Path.Combine(_root, "report");

        var exit = new ReportCommand().Execute(["rbm-ising", "gan-ising"], Db, by: null, folder, output, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("energy_per_spin", text, StringComparison.Ordinal);
        Assert.Matches(@"1\.5\s+-2\.0000\s+-1\.9000 \(\+5\.00%\)\s+-1\.9400 ± 0\.0283 \(\+3\.00%\)", text);
        Assert.Matches(@"3\.0\s+-0\.8000\s+-0\.8400 \(-5\.00%\)\s+-0\.8000 \(\+0\.00%\)", text);
        var csv = File.ReadAllLines(Path.Combine(folder, "observables.csv"));
        Assert.Equal("family,dataset.temperature,observable,data,samples,samples_sd,relative_difference,runs", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("rbm,1.5,energy_per_spin,-2,-1.94,", StringComparison.Ordinal) && l.EndsWith(",2", StringComparison.Ordinal));
        Assert.Equal(1 + 4 * 2, csv.Length); // 4 (family, temperature) pairs x 2 observables
        using (var bitmap = Pictures.Decode(File.ReadAllBytes(Path.Combine(folder, "observables.png"))))
            Assert.True(Pictures.Inked(bitmap) > 2000, "the observables plot is blank");
        var texts = Pictures.SvgTexts(File.ReadAllText(Path.Combine(folder, "observables.svg")));
        Assert.Contains("dataset.temperature", texts);
        Assert.Contains("energy_per_spin", texts);
        Assert.Contains("rbm samples", texts);
    }

    [Fact]
    public void OneExperimentMayHoldSeveralFamiliesAndAPluginInTwoExperimentsIsToldApartByExperiment()
    {
        using (var store = SqliteTrackingStore.Open(Db))
        {
            // A sweep over the families (an include axis) in one experiment, and the RBM's own experiment beside it.
            Run(store, "ising-families", "rbm", "1.5", energyData: -2.0, energySamples: -1.98);
            Run(store, "ising-families", "gan", "1.5", energyData: -2.0, energySamples: -1.9);
            Run(store, "rbm-ising", "rbm", "1.5", energyData: -2.0, energySamples: -1.96);
            Run(store, "rbm-ising", "rbm", "3.0", energyData: -0.8, energySamples: -0.8);
        }
        var folder = Path.Combine(_root, "report");
        var error = new StringWriter();

        var exit = new ReportCommand().Execute(["ising-families", "rbm-ising"], Db, by: null, folder, new StringWriter(), error);

        Assert.True(exit == 0, error.ToString());
        var csv = File.ReadAllLines(Path.Combine(folder, "observables.csv"));
        Assert.Contains(csv, l => l.StartsWith("gan,1.5,energy_per_spin,-2,-1.9,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("ising-families/rbm,1.5,energy_per_spin,-2,-1.98,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("rbm-ising/rbm,1.5,energy_per_spin,-2,-1.96,", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownExperimentIsAnErrorNamingTheOnesTheStoreHas()
    {
        using (var store = SqliteTrackingStore.Open(Db))
            Run(store, "rbm-ising", "rbm", "1.5", energyData: -2.0, energySamples: -1.96);
        var error = new StringWriter();

        var exit = new ReportCommand().Execute(["gan-isnig"], Db, by: null, Path.Combine(_root, "report"), TextWriter.Null, error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("No experiment named 'gan-isnig'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rbm-ising", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "report")));
    }

    [Fact]
    public void AServerUriOrAMissingFileIsRefusedWithWhatReportReads()
    {
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Usage, new ReportCommand().Execute(["x"], "http://localhost:5000", null, _root, TextWriter.Null, error));
        Assert.Equal(ExitCodes.Usage, new ReportCommand().Execute(["x"], Path.Combine(_root, "none.db"), null, _root, TextWriter.Null, error));
        Assert.Contains("local MLflow SQLite file", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("no MLflow store at", error.ToString(), StringComparison.Ordinal);
    }

    private static void Run(SqliteTrackingStore store, string experiment, string plugin, string temperature, double? energyData, double? energySamples, bool finished = true)
    {
        var id = store.GetOrCreateExperiment(experiment).ExperimentId;
        var run = store.CreateRun(new NewRun(id, experiment, 1000, "tester", new Dictionary<string, string>()));
        var parameters = new List<KeyValuePair<string, string>> { new("model.plugin", plugin), new("dataset.plugin", "ising2d") };
        if (temperature.Length > 0)
            parameters.Add(new("dataset.temperature", temperature));
        var metrics = new List<MetricPoint>();
        if (energyData is { } data && energySamples is { } samples)
        {
            // An earlier, different sampling point: the report reads the latest.
            metrics.Add(new("samples/energy_per_spin", 0.0, 2000, 100));
            metrics.AddRange([new("data/energy_per_spin", data, 1000, 0), new("samples/energy_per_spin", samples, 3000, 200)]);
            metrics.AddRange([new("data/abs_magnetization", 0.9, 1000, 0), new("samples/abs_magnetization", 0.9, 3000, 200)]);
        }
        metrics.Add(new("train/loss", 1.0, 3000, 200));
        store.LogBatch(run.RunId, metrics, parameters, []);
        if (finished)
            store.UpdateRun(run.RunId, RunStatus.Finished, 4000);
    }
}
