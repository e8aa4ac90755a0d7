using Framework.Host.Reports;
using Framework.Host.Tracking.Sqlite;

namespace Framework.Host.Cli;

/// <summary>
/// <c>report EXPERIMENT...</c>: the observables of every model family's samples beside the data's, from the finished
/// runs in a local MLflow store, as tables, a CSV and a plot (PNG and SVG) against the compared parameter (the temperature of the
/// Ising files). It reads the store only; runs are untouched.
/// </summary>
internal sealed class ReportCommand
{
    public int Execute(IReadOnlyList<string> experiments, string store, string? by, string output, TextWriter console, TextWriter error)
    {
        var path = store.StartsWith("sqlite:///", StringComparison.Ordinal) ? store["sqlite:///".Length..] : store;
        if (store.Contains("://", StringComparison.Ordinal) && !store.StartsWith("sqlite:///", StringComparison.Ordinal))
        {
            error.WriteLine($"error: report reads a local MLflow SQLite file (mlflow.db or sqlite:///PATH), not {store}.");
            return ExitCodes.Usage;
        }
        if (!File.Exists(path))
        {
            error.WriteLine($"error: no MLflow store at {Path.GetFullPath(path)}; run an experiment first or give --store.");
            return ExitCodes.Usage;
        }

        ObservableReport report;
        using (var sqlite = SqliteTrackingStore.Open(path))
        {
            try
            {
                report = ObservableReport.Collect(sqlite, experiments, by);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        ObservableReportWriter.WriteTables(report, console);
        Directory.CreateDirectory(output);
        var csv = Path.Combine(output, "observables.csv");
        var png = Path.Combine(output, "observables.png");
        File.WriteAllText(csv, ObservableReportWriter.Csv(report));
        var files = ObservablePlot.Render(report).Write(png);
        console.WriteLine($"wrote {csv}, {string.Join(" and ", files)}");
        return ExitCodes.Success;
    }
}
