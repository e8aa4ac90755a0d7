namespace Framework.Host.Sweeps;

/// <summary>One trial in the manifest.</summary>
/// <param name="Index">Its index (the Slurm array index).</param>
/// <param name="Id">The hash of its resolved configuration; the trial process refuses to run if the file now resolves otherwise.</param>
/// <param name="ConfigurationId">The hash without the seed.</param>
/// <param name="Repeat">Its seed repeat.</param>
/// <param name="Seed">Its training seed.</param>
/// <param name="Overrides">Its own <c>--set</c> overrides, applied after the sweep's.</param>
internal sealed record ManifestTrial(int Index, string Id, string ConfigurationId, int Repeat, long Seed, IReadOnlyList<string> Overrides);
