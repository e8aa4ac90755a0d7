using Framework.Host.Experiments;

namespace Framework.Host.Sweeps;

/// <summary>A trial resolved and validated: what it overrides, its ids, and the experiment it runs.</summary>
/// <param name="Index">Its position in the sweep (the Slurm array index), from 0.</param>
/// <param name="Id">The hash of its resolved configuration (<see cref="SweepIds.Trial"/>).</param>
/// <param name="ConfigurationId">The hash without the seed, shared by its seed repeats (<see cref="SweepIds.Configuration"/>).</param>
/// <param name="Repeat">Which seed repeat it is, from 0.</param>
/// <param name="Overrides">What it sets on top of the file and the command line.</param>
/// <param name="Definition">The resolved experiment.</param>
internal sealed record SweepTrial(int Index, string Id, string ConfigurationId, int Repeat, IReadOnlyList<TrialOverride> Overrides, ExperimentDefinition Definition)
{
    /// <summary>Its training seed.</summary>
    public long Seed => Definition.Training.Seed;

    /// <summary>Its swept values as <c>key=value</c>, for tables and run names.</summary>
    public string Describe() => string.Join(' ', Overrides.Select(o => o.Argument));
}
