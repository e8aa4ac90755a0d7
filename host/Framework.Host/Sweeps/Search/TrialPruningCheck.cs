using System.Globalization;
using Framework.Host.Tracking;
using Framework.Search;
using SearchTrialState = Framework.Search.TrialState;

namespace Framework.Host.Sweeps.Search;

/// <summary>
/// The pruner as a trial process asks it: after each evaluation, from the trial's own reports and what the tracking
/// store holds of the sweep's other trials (no launcher needs to be alive, so pruning works the same on Slurm).
/// </summary>
internal sealed class TrialPruningCheck
{
    private readonly ITrackingStore _store;
    private readonly SweepRunLookup _runs;
    private readonly string _manifestPath;
    private readonly int _index;
    private readonly SweepSettings _settings;
    private readonly IPruner _pruner;
    private readonly SearchSpace _space;
    private readonly List<IntermediateValue> _own;

    /// <param name="store">The sweep's store.</param>
    /// <param name="runs">Finds the sweep's runs.</param>
    /// <param name="manifestPath">The manifest, read again at each check: a search adds trials as it goes.</param>
    /// <param name="index">This trial's index.</param>
    /// <param name="spec">The sweep section.</param>
    /// <param name="resumedRunId">The run this attempt continues, whose earlier reports count; null for a new run.</param>
    public TrialPruningCheck(ITrackingStore store, SweepRunLookup runs, string manifestPath, int index, SweepSpec spec, string? resumedRunId)
    {
        _store = store;
        _runs = runs;
        _manifestPath = manifestPath;
        _index = index;
        _settings = spec.Settings;
        _pruner = Pruning.CreatePruner(spec.Settings);
        _space = SweepSearchSpace.Of(spec);
        _own = resumedRunId is null ? [] : SearchHistory.Intermediate(store.GetMetricHistory(resumedRunId), Metric);
    }

    public string Metric => _settings.Metric.Trim();

    /// <summary>The hook the trainer asks.</summary>
    public Training.PruningHook Hook => new(Metric, Decide);

    private string? Decide(int epoch, double value)
    {
        _own.RemoveAll(r => r.Step >= epoch);
        _own.Add(new IntermediateValue(epoch, value));
        var manifest = SweepManifest.Read(_manifestPath);
        var others = SearchHistory.Read(_runs, _store, _space, Metric,
            manifest.Trials.Where(t => t.Index != _index).Select(t => (t.Index, t.Id, (IReadOnlyList<TrialOverride>)[])));
        var self = new TrialRecord(_index, new Dictionary<string, ParameterValue>(), SearchTrialState.Running, null, _own);
        if (!_pruner.ShouldPrune(self, others, Pruning.DirectionOf(_settings)))
            return null;
        int finished = others.Count(o => o.State is SearchTrialState.Complete or SearchTrialState.Pruned);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Pruning.Describe(_settings)}: {Metric} = {value:G6} at epoch {epoch} is not promising against {finished} finished or pruned trials");
    }
}
