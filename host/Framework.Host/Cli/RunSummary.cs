using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Tracking;
using Framework.Host.Training;

namespace Framework.Host.Cli;

/// <summary>The table printed when a run ends: status, final metrics, where things are, how to look at them.</summary>
internal static class RunSummary
{
    public static void Print(TextWriter output, ExperimentDefinition experiment, RunFolder folder, string runId, string trackingUri, TrainingOutcome outcome,
        string resumeCommand)
    {
        output.WriteLine();
        output.WriteLine($"Run {runId} {outcome.Status.ToString().ToUpperInvariant()} after {outcome.GlobalStep} steps in {outcome.Elapsed:hh\\:mm\\:ss\\.f}");
        if (outcome.Error is { } error)
            output.WriteLine($"  error: {error.Message}");
        var rows = new List<string[]> { new[] { "METRIC", "FINAL" } };
        rows.AddRange(outcome.FinalMetrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new[] { "  " + m.Key, m.Value.ToString("G6", CultureInfo.InvariantCulture) }));
        if (rows.Count > 1)
            TextTable.Write(output, rows);
        output.WriteLine($"  run folder: {folder.Path}");
        output.WriteLine($"  tracking:   {trackingUri} (experiment '{experiment.Name}')");
        if (trackingUri.StartsWith("sqlite:", StringComparison.Ordinal))
            output.WriteLine($"  view with:  mlflow ui --backend-store-uri {trackingUri}");
        if (outcome.Status == RunStatus.Killed)
            output.WriteLine($"  resume with: {resumeCommand}");
    }
}
