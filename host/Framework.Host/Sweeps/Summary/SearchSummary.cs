using Framework.Host.Sweeps.Search;
using Framework.Host.Sweeps.Summary.Search;
using Framework.Search;
using SearchTrialState = Framework.Search.TrialState;

namespace Framework.Host.Sweeps.Summary;

/// <summary>
/// A search's own pictures on its parent run (Optuna's visualisations): the optimisation history, the parallel
/// coordinates, one slice per parameter and the parameters' importance, drawn from what the tracking store holds.
/// </summary>
internal static class SearchSummary
{
    /// <summary>The artifact folder under the summary.</summary>
    public const string ArtifactFolder = "search";

    /// <summary>Writes the search's plots into the summary folder and onto the parent run; nothing for a grid sweep.</summary>
    public static void Write(SweepSession session, bool maximize)
    {
        var plan = session.Plan;
        if (!plan.Spec.IsSearch || plan.Trials.Count == 0)
            return;
        string metric = plan.Spec.Settings.Metric.Trim();
        var space = SweepSearchSpace.Of(plan.Spec);
        var records = SearchHistory.Read(session.Runs, session.Store, space, metric, plan.Trials.Select(t => (t.Index, t.Id, t.Overrides)));
        var trials = records.Where(r => r.State != SearchTrialState.Running).Select(ToPlot).ToList();
        var parameters = plan.Spec.Parameters
            .Select(p => new PlotParameter(p.Key, IsLog: p.Distribution?.Kind == DistributionKind.LogUniform))
            .ToList();
        string folder = Path.Combine(session.Folder.SummaryDirectory, ArtifactFolder);
        foreach (var file in SearchPlots.Write(trials, parameters, maximize, folder, metric))
            session.LogParentArtifact(file, $"{SweepFinalizer.ArtifactFolder}/{ArtifactFolder}/{Path.GetFileName(file)}");
    }

    private static PlotTrial ToPlot(TrialRecord record)
    {
        var state = record.State switch
        {
            SearchTrialState.Complete => PlotTrialState.Complete,
            SearchTrialState.Pruned => PlotTrialState.Pruned,
            _ => PlotTrialState.Failed,
        };
        // A pruned trial is drawn at the last value it reported.
        double? value = record.State == SearchTrialState.Pruned && record.Intermediate.Count > 0 ? record.Intermediate[^1].Value : record.Value;
        var values = record.Parameters.ToDictionary(p => p.Key, p => p.Value switch
        {
            ParameterValue.Number number => (PlotValue)number.Value,
            ParameterValue.Choice choice => (PlotValue)choice.Value,
            _ => throw new InvalidOperationException($"Unexpected value {p.Value}."),
        }, StringComparer.Ordinal);
        return new PlotTrial(record.Number, state, value, values);
    }
}
