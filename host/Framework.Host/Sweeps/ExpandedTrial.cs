namespace Framework.Host.Sweeps;

/// <summary>A trial as the sweep section describes it, before the experiment loader resolves it.</summary>
/// <param name="Index">Its position in the sweep (the Slurm array index), from 0.</param>
/// <param name="Overrides">What it sets on top of the experiment file, in parameter order (the seed last).</param>
/// <param name="Repeat">Which seed repeat of its configuration it is, from 0.</param>
internal sealed record ExpandedTrial(int Index, IReadOnlyList<TrialOverride> Overrides, int Repeat);
