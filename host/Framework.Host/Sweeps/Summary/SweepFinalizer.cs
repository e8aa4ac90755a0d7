using System.Globalization;
using Framework.Host.Tracking;

namespace Framework.Host.Sweeps.Summary;

/// <summary>
/// Ends a sweep: computes the summary from the trials' runs, stores the tables (CSV) and the plot (PNG and SVG) in the
/// sweep folder and on the parent run, tags the best trial, and sets the parent's final status.
/// </summary>
internal static class SweepFinalizer
{
    /// <summary>The artifact folder of the summary on the parent run.</summary>
    public const string ArtifactFolder = "summary";

    /// <summary>Writes the summary and ends the parent run; returns the summary for printing.</summary>
    /// <remarks>
    /// The parent ends FINISHED when every trial did, FAILED when any trial failed, and KILLED otherwise (trials
    /// stopped or never started): a state that running the sweep again can complete.
    /// </remarks>
    /// <param name="session">The sweep, with its parent run started.</param>
    public static SweepSummary Finalize(SweepSession session)
    {
        var states = session.States(withMetrics: true);
        var summary = SweepSummary.Compute(session.Plan, states);
        Directory.CreateDirectory(session.Folder.SummaryDirectory);
        var plot = SummaryPlot.Render(summary, $"Sweep {session.Plan.SweepId[..8]}: {session.Plan.Base.Name}");
        var files = new (string Name, byte[] Content)[]
        {
            ("configurations.csv", System.Text.Encoding.UTF8.GetBytes(SummaryCsv.Configurations(summary))),
            ("trials.csv", System.Text.Encoding.UTF8.GetBytes(SummaryCsv.Trials(summary))),
            ("summary.png", plot.Png),
            ("summary.svg", System.Text.Encoding.UTF8.GetBytes(plot.Svg)),
        };
        foreach (var (name, content) in files)
        {
            string path = Path.Combine(session.Folder.SummaryDirectory, name);
            File.WriteAllBytes(path, content);
            session.LogParentArtifact(path, $"{ArtifactFolder}/{name}");
        }

        SearchSummary.Write(session, summary.Maximize);

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SweepTags.Metric] = summary.Metric,
            [SweepTags.Goal] = summary.Maximize ? "maximize" : "minimize",
            [SweepTags.States] = string.Join(' ', summary.StateCounts.Select(s => $"{(s.Key == "-" ? "NOT_STARTED" : s.Key)}={s.Value}")),
        };
        if (summary.Best is { } best)
        {
            tags[SweepTags.BestTrial] = best.Trial.Index.ToString(CultureInfo.InvariantCulture);
            tags[SweepTags.BestRunId] = best.State.Run!.RunId;
            session.LogParentMetrics(new Dictionary<string, double> { ["best/" + summary.Metric] = best.Value!.Value });
        }

        session.SetParentTags(tags);
        session.EndParent(summary.AllFinished ? RunStatus.Finished
            : summary.Trials.Any(t => t.State.Status == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Killed);
        return summary;
    }
}
