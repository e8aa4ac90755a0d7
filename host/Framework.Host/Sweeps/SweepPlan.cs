using Framework.Host.Experiments;

namespace Framework.Host.Sweeps;

/// <summary>A sweep expanded and validated: every trial resolved, nothing started.</summary>
/// <remarks>
/// A grid sweep has all its trials from the start. A search (random or TPE) starts with none and grows one proposal at
/// a time (<see cref="Append"/>), each validated like a grid trial before it runs.
/// </remarks>
internal sealed class SweepPlan
{
    private readonly List<SweepTrial> _trials;

    /// <param name="sourcePath">The experiment file's full path.</param>
    /// <param name="baseOverrides">The <c>--set</c> overrides given on the command line, applied under every trial's own.</param>
    /// <param name="baseDefinition">The experiment with only the command-line overrides (its <see cref="ExperimentDefinition.Sweep"/> is set).</param>
    /// <param name="trials">The trials, by index.</param>
    /// <param name="sweepId">The sweep's id (<see cref="SweepIds.Sweep"/> or <see cref="SweepIds.Search"/>).</param>
    public SweepPlan(string sourcePath, IReadOnlyList<string> baseOverrides, ExperimentDefinition baseDefinition, IEnumerable<SweepTrial> trials, string sweepId)
    {
        SourcePath = sourcePath;
        BaseOverrides = baseOverrides;
        Base = baseDefinition;
        _trials = [.. trials];
        SweepId = sweepId;
    }

    /// <summary>The experiment file's full path.</summary>
    public string SourcePath { get; }

    /// <summary>The <c>--set</c> overrides given on the command line.</summary>
    public IReadOnlyList<string> BaseOverrides { get; }

    /// <summary>The experiment with only the command-line overrides.</summary>
    public ExperimentDefinition Base { get; }

    /// <summary>The trials, by index (for a search, those proposed so far).</summary>
    public IReadOnlyList<SweepTrial> Trials => _trials;

    /// <summary>The sweep's id.</summary>
    public string SweepId { get; }

    /// <summary>The sweep section.</summary>
    public SweepSpec Spec => Base.Sweep!;

    /// <summary>The number of trials the sweep will have when complete.</summary>
    public int PlannedTrialCount => Spec.IsSearch ? Spec.Settings.Trials : _trials.Count;

    /// <summary>The swept keys, in file order, with <c>training.seed</c> last when repeats set it.</summary>
    public IReadOnlyList<string> SweptKeys =>
        Spec.IsSearch ? Spec.Parameters.Select(p => p.Key).ToList()
        : _trials.Count == 0 ? [] : _trials[0].Overrides.Select(o => o.Key).ToList();

    /// <summary>Adds a search's next proposal, whose index must be the next one.</summary>
    public void Append(SweepTrial trial)
    {
        if (trial.Index != _trials.Count)
            throw new ArgumentException($"Trial {trial.Index} cannot follow {_trials.Count} trials.", nameof(trial));
        _trials.Add(trial);
    }
}
