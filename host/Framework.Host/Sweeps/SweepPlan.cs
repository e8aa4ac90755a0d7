using Framework.Host.Experiments;

namespace Framework.Host.Sweeps;

/// <summary>A sweep expanded and validated: every trial resolved, nothing started.</summary>
/// <param name="SourcePath">The experiment file's full path.</param>
/// <param name="BaseOverrides">The <c>--set</c> overrides given on the command line, applied under every trial's own.</param>
/// <param name="Base">The experiment with only the command-line overrides (its <see cref="ExperimentDefinition.Sweep"/> is set).</param>
/// <param name="Trials">The trials, by index.</param>
/// <param name="SweepId">The sweep's id (<see cref="SweepIds.Sweep"/>).</param>
internal sealed record SweepPlan(string SourcePath, IReadOnlyList<string> BaseOverrides, ExperimentDefinition Base, IReadOnlyList<SweepTrial> Trials, string SweepId)
{
    /// <summary>The sweep section.</summary>
    public SweepSpec Spec => Base.Sweep!;

    /// <summary>The swept keys, in file order, with <c>training.seed</c> last when repeats set it.</summary>
    public IReadOnlyList<string> SweptKeys =>
        Trials.Count == 0 ? [] : Trials[0].Overrides.Select(o => o.Key).ToList();
}
