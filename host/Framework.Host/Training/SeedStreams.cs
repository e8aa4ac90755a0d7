namespace Framework.Host.Training;

/// <summary>
/// Derives independent seeds for each random stream of a run (weights, data, shuffling of each epoch, the model's
/// generator) from the one experiment seed, so that changing how many draws one stream makes never shifts another.
/// </summary>
internal static class SeedStreams
{
    public const ulong ModelInit = 1;
    public const ulong Dataset = 2;
    public const ulong StepGenerator = 3;
    public const ulong Shuffle = 4;

    /// <summary>Samples drawn after training, outside a run (<c>fw sample</c>).</summary>
    public const ulong Sampling = 5;

    /// <summary>An evaluation after training, outside a run (<c>fw evaluate</c>).</summary>
    public const ulong Evaluation = 6;

    /// <summary>A seed for <paramref name="stream"/> (and <paramref name="index"/>, e.g. the epoch) derived from <paramref name="seed"/>.</summary>
    public static long Derive(long seed, ulong stream, ulong index = 0)
    {
        ulong x = SplitMix((ulong)seed ^ SplitMix(stream * 0x9E3779B97F4A7C15UL ^ SplitMix(index)));
        // TorchSharp's manual_seed takes a long; keep it non-negative so it prints the same everywhere.
        return (long)(x >> 1);
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
