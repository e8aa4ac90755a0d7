using System.Globalization;
using System.Text.Json;
using Framework.Host.Experiments;
using Framework.Search;

namespace Framework.Host.Sweeps.Search;

/// <summary>
/// Proposes a search's trials one at a time, from what the tracking store holds of the trials before, and records
/// each proposal on the parent run before it runs, so that the search is rebuilt from MLflow alone: running the file
/// again (after Ctrl+C, kill -9 or on another machine) continues with the same trials, with no study database.
/// </summary>
/// <remarks>
/// A proposal depends only on the sweep's seed, its number and the trials before it (see <see cref="ISampler"/>), so
/// with one trial at a time an interrupted search proposes exactly what an uninterrupted one would. A proposal equal to
/// an earlier trial's configuration is that trial again: it shares its run and result, and nothing runs twice.
/// </remarks>
internal sealed class SearchProposer
{
    /// <summary>On the parent run, one tag per proposal: its values as a JSON object of key to YAML text.</summary>
    public const string ProposalTagPrefix = "framework.sweep.proposal.";

    private readonly SweepSession _session;
    private readonly SweepPlanner _planner;
    private readonly SearchSpace _space;
    private readonly ISampler _sampler;

    private SearchProposer(SweepSession session, SweepPlanner planner)
    {
        _session = session;
        _planner = planner;
        _space = SweepSearchSpace.Of(session.Plan.Spec);
        _sampler = Pruning.CreateSampler(session.Plan.Spec.Settings);
    }

    /// <summary>
    /// The proposer of a search whose parent run has started, with the proposals its parent records already added to the
    /// plan (in order); null for a grid sweep. Errors when a recorded proposal no longer resolves (the file changed).
    /// </summary>
    public static (SearchProposer? Proposer, IReadOnlyList<ConfigError> Errors) Resume(SweepSession session, SweepPlanner planner)
    {
        if (!session.Plan.Spec.IsSearch)
            return (null, []);
        var proposer = new SearchProposer(session, planner);
        var errors = proposer.Restore();
        return errors.Count == 0 ? (proposer, []) : (null, errors);
    }

    private SweepPlan Plan => _session.Plan;

    /// <summary>Whether the search has trials left to propose.</summary>
    public bool HasMore => Plan.Trials.Count < Plan.PlannedTrialCount;

    /// <summary>Adds the proposals recorded on the parent run to the plan (in order); returns errors if one no longer resolves.</summary>
    private IReadOnlyList<ConfigError> Restore()
    {
        var tags = _session.Store.GetRunData(_session.Parent!.RunId).Tags;
        var recorded = tags.Where(t => t.Key.StartsWith(ProposalTagPrefix, StringComparison.Ordinal))
            .Select(t => (Index: int.Parse(t.Key[ProposalTagPrefix.Length..], CultureInfo.InvariantCulture), t.Value))
            .OrderBy(t => t.Index)
            .ToList();
        foreach (var (index, json) in recorded)
        {
            if (index != Plan.Trials.Count)
                break;  // a gap: the proposals after it are proposed again
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            var values = SweepSearchSpace.Values(_space, texts);
            var (trial, errors) = _planner.Resolve(Plan.SourcePath, Plan.BaseOverrides, new ExpandedTrial(index, SweepSearchSpace.Overrides(Plan.Spec, values), 0));
            if (trial is null)
                return errors;
            Plan.Append(trial);
        }

        return [];
    }

    /// <summary>Proposes the next trial from the store's view of the trials so far, records it and adds it to the plan.</summary>
    /// <returns>The trial, or the errors of a proposal the experiment's options refuse.</returns>
    public (SweepTrial? Trial, IReadOnlyList<ConfigError> Errors) Next()
    {
        int number = Plan.Trials.Count;
        var history = SearchHistory.Read(_session.Runs, _session.Store, _space, Plan.Spec.Settings.Metric.Trim(),
            Plan.Trials.Select(t => (t.Index, t.Id, t.Overrides)));
        var values = _sampler.Propose(_space, history, number);
        var overrides = SweepSearchSpace.Overrides(Plan.Spec, values);
        var (trial, errors) = _planner.Resolve(Plan.SourcePath, Plan.BaseOverrides, new ExpandedTrial(number, overrides, 0));
        if (trial is null)
            return (null, errors);

        var texts = overrides.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        _session.SetParentTags(new Dictionary<string, string>
        {
            [ProposalTagPrefix + number.ToString("D5", CultureInfo.InvariantCulture)] = JsonSerializer.Serialize(texts),
        });
        Plan.Append(trial);
        _session.WriteManifest();
        return (trial, []);
    }
}
