using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;

namespace Framework.Host.Reports;

/// <summary>One model family's samples against the data for one observable at one value of the compared parameter,
/// averaged over the finished runs there (seeds).</summary>
/// <param name="Family">What the column is called: the model plugin, or experiment/plugin when several experiments use the plugin.</param>
/// <param name="At">The compared parameter's value (a temperature, say), or empty.</param>
/// <param name="Observable">The observable's name without data/ or samples/.</param>
/// <param name="Data">data/ of the runs, averaged.</param>
/// <param name="Samples">samples/ of the runs, averaged.</param>
/// <param name="SamplesSpread">The standard deviation of samples/ over the runs (0 for one run).</param>
/// <param name="Runs">How many runs the row averages.</param>
internal sealed record ObservableRow(string Family, string At, string Observable, double Data, double Samples, double SamplesSpread, int Runs)
{
    /// <summary>(samples − data) / |data|, or NaN when the data's value is 0.</summary>
    public double RelativeDifference => Data == 0 ? double.NaN : (Samples - Data) / Math.Abs(Data);
}

/// <summary>The observables of every model's samples beside the data's, from the finished runs of a few MLflow
/// experiments: the families of one dataset compared on the physics they reproduce (the rbm-ising, vae-ising, gan-ising
/// and diffusion-ising files, say, each a sweep over the temperature).</summary>
internal sealed class ObservableReport
{
    private ObservableReport(string? by, IReadOnlyList<ObservableRow> rows) => (By, Rows) = (by, rows);

    /// <summary>The parameter the rows are compared along (for example <c>dataset.temperature</c>), or null.</summary>
    public string? By { get; }

    public IReadOnlyList<ObservableRow> Rows { get; }

    /// <summary>Reads the finished runs of <paramref name="experiments"/> that logged an observable both as data/ and
    /// samples/. <paramref name="by"/> null picks the one dataset parameter whose value differs between them.</summary>
    public static ObservableReport Collect(SqliteTrackingStore store, IReadOnlyList<string> experiments, string? by)
    {
        var known = store.ListExperiments().Where(e => e.LifecycleStage == "active").ToList();
        var runs = new List<(string Experiment, RunData Data, Dictionary<string, double> Metrics)>();
        foreach (var name in experiments)
        {
            var experiment = known.FirstOrDefault(e => e.Name == name)
                ?? throw new ArgumentException($"No experiment named '{name}' in {store.Location}; it has: {string.Join(", ", known.Select(e => e.Name))}.");
            foreach (var run in store.ListRuns(experiment.ExperimentId).Where(r => r.Status == RunStatus.Finished))
            {
                var metrics = LatestMetrics.Of(store.GetMetricHistory(run.RunId));
                if (Observables(metrics).Any())
                    runs.Add((name, store.GetRunData(run.RunId), metrics));
            }
        }
        if (runs.Count == 0)
            throw new ArgumentException($"No finished run of {string.Join(", ", experiments)} logged data/ and samples/ observables.");

        by ??= VaryingDatasetParameter(runs.Select(r => r.Data.Params).ToList());
        // A family is a model plugin; one that runs in several experiments is told apart by the experiment's name. One
        // experiment may hold several families (a sweep with a model or include axis).
        var experimentsOf = runs.GroupBy(r => Param(r.Data, "model.plugin")).ToDictionary(g => g.Key, g => g.Select(r => r.Experiment).Distinct().Count());
        string Family(string experiment, string plugin) => experimentsOf[plugin] > 1 ? $"{experiment}/{plugin}" : plugin;
        var rows = runs
            .SelectMany(r => Observables(r.Metrics).Select(o => (
                Family: Family(r.Experiment, Param(r.Data, "model.plugin")),
                At: by is null ? "" : Param(r.Data, by),
                Observable: o,
                Data: r.Metrics["data/" + o],
                Samples: r.Metrics["samples/" + o])))
            .GroupBy(x => (x.Family, x.At, x.Observable))
            .Select(g => new ObservableRow(g.Key.Family, g.Key.At, g.Key.Observable, g.Average(x => x.Data), g.Average(x => x.Samples),
                Spread(g.Select(x => x.Samples).ToList()), g.Count()))
            .OrderBy(r => r.Observable, StringComparer.Ordinal).ThenBy(r => Number(r.At)).ThenBy(r => r.Family, StringComparer.Ordinal)
            .ToList();
        return new ObservableReport(by, rows);
    }

    /// <summary>Orders values such as temperatures numerically, and anything else after them by text.</summary>
    public static double Number(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : double.MaxValue;

    private static IEnumerable<string> Observables(Dictionary<string, double> metrics) =>
        metrics.Keys.Where(k => k.StartsWith("samples/", StringComparison.Ordinal) && metrics.ContainsKey("data/" + k[8..])).Select(k => k[8..]);

    private static string? VaryingDatasetParameter(IReadOnlyList<IReadOnlyDictionary<string, string>> parameters)
    {
        var varying = parameters.SelectMany(p => p.Keys).Distinct()
            .Where(k => k.StartsWith("dataset.", StringComparison.Ordinal) && k != "dataset.plugin")
            .Where(k => parameters.Select(p => p.GetValueOrDefault(k, "")).Distinct().Count() > 1)
            .ToList();
        return varying.Count == 1 ? varying[0] : null;
    }

    private static string Param(RunData data, string key) => data.Params.GetValueOrDefault(key, "");

    private static double Spread(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
