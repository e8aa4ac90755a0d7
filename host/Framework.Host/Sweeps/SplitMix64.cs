namespace Framework.Host.Sweeps;

/// <summary>
/// Steele, Lea and Flood's SplitMix64: tiny, fast, and the same numbers on every platform and runtime version, which
/// <see cref="Random"/> does not promise; a sweep's random draws must not change when .NET is upgraded.
/// </summary>
/// <param name="seed">The seed.</param>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A double uniform on [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
