using Framework.Host.Experiments;

namespace Framework.Host.Sweeps;

/// <summary>Either a plan or every error found in the file and its trials.</summary>
/// <param name="Plan">The plan when there are no errors.</param>
/// <param name="Errors">Every error, the file's first, then each trial's (once per distinct problem).</param>
internal sealed record SweepPlanResult(SweepPlan? Plan, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>Whether the sweep is valid.</summary>
    public bool IsValid => Plan is not null && Errors.Count == 0;
}
