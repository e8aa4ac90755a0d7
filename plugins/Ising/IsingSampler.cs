namespace Framework.Plugins.Ising;

/// <summary>Draws configurations from independent chains: each is thermalised, then recorded every
/// <c>decorrelation_sweeps</c> sweeps. Seeded, so the same options and seed give the same configurations.</summary>
internal static class IsingSampler
{
    /// <summary>Returns <paramref name="count"/> configurations of L² spins each, chain after chain.</summary>
    public static sbyte[] Sample(IsingOptions options, long seed, int count)
    {
        var sites = options.Size * options.Size;
        var configurations = new sbyte[(long)count * sites];
        var perChain = (count + options.Chains - 1) / options.Chains;
        var recorded = 0;
        for (var chain = 0; chain < options.Chains && recorded < count; chain++)
        {
            var lattice = new IsingLattice(options.Size, options.Temperature, new Random(ChainSeed(seed, chain)));
            for (var sweep = 0; sweep < options.ThermalizationSweeps; sweep++)
                lattice.Sweep(options.Update);
            lattice.FixWolffSweepLength();
            for (var i = 0; i < perChain && recorded < count; i++, recorded++)
            {
                if (i > 0)
                    for (var sweep = 0; sweep < options.DecorrelationSweeps; sweep++)
                        lattice.Sweep(options.Update);
                lattice.Spins.CopyTo(configurations.AsSpan(recorded * sites, sites));
            }
        }
        return configurations;
    }

    /// <summary>A stable seed per chain (System.Random with an explicit seed keeps its sequence across .NET versions).</summary>
    private static int ChainSeed(long seed, int chain) =>
        (int)((ulong)(seed * 1_000_003 + chain * 7_919 + 17) % int.MaxValue);
}
