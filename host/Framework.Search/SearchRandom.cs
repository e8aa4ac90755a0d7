using System.Text;

namespace Framework.Search;

/// <summary>
/// The random numbers of one decision, derived from (seed, trial number, parameter name) alone. A sampler asks for a
/// fresh generator per trial and parameter instead of drawing from one stream that earlier proposals consumed, so the
/// proposal for trial n is the same whether trials 0..n-1 were proposed in this process, in a killed one, or at all,
/// and adding a parameter does not shift the draws of the others. The generator is SplitMix64 (Steele, Lea and Flood
/// 2014): its state steps by a fixed odd constant and each output is a strong 64-bit mix of the state, which makes it a
/// good hash of the key as well as a generator.
/// </summary>
public sealed class SearchRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    private SearchRandom(ulong state) => _state = state;

    /// <summary>The generator for <paramref name="purpose"/> (a parameter's name) in trial <paramref name="trialNumber"/>.</summary>
    public static SearchRandom For(long seed, int trialNumber, string purpose)
    {
        var key = Mix((ulong)seed + Golden);
        key = Mix(key ^ ((ulong)(uint)trialNumber + Golden));
        key = Mix(key ^ Fnv1a(purpose));
        return new SearchRandom(key);
    }

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low, double high)
    {
        var x = low + (high - low) * NextDouble();
        return x < high ? x : Math.BitDecrement(high);
    }

    /// <summary>Uniform integer in [0, count), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int count)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Need at least one value to draw from.");
        var bound = (ulong)count;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
                return (int)product;
        }
    }

    /// <summary>Standard normal (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        while (true)
        {
            var u = 2 * NextDouble() - 1;
            var v = 2 * NextDouble() - 1;
            var s = u * u + v * v;
            if (s > 0 && s < 1)
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, not all zero).</summary>
    public int Categorical(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var u = NextDouble() * total;
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (u < cumulative)
                return i;
        }
        // Rounding can leave u at the very top: the last index with weight takes it.
        for (var i = weights.Length - 1; i >= 0; i--)
            if (weights[i] > 0)
                return i;
        throw new ArgumentException("All weights are zero.", nameof(weights));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // A stable hash of the name (string.GetHashCode differs between processes).
    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 0x100000001B3UL;
        return hash;
    }
}
