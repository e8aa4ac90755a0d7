using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae;

/// <summary>Lets the Bernoulli decoder model two-valued data whose values are not 0 and 1, such as Ising spins ±1:
/// p(x | h) is a Bernoulli distribution over u = (x − a) / (b − a) ∈ {0, 1}, and samples are mapped back by
/// x = a + (b − a) u. For data in [0, 1] it is the identity and costs nothing.</summary>
internal sealed class TwoValueCoding
{
    private readonly double _low;
    private readonly double _span;

    private TwoValueCoding(double low, double high) => (_low, _span) = (low, high - low);

    public bool IsIdentity => _low == 0 && _span == 1;

    /// <summary>The coding for a Bernoulli decoder on binary data with values at its range's two ends; the identity
    /// otherwise (validation has refused a Bernoulli decoder on anything else).</summary>
    public static TwoValueCoding For(VaeOptions options, Dataset data) =>
        options.Likelihood == DecoderDistribution.Bernoulli && data.IsBinary
            ? new TwoValueCoding(data.ValueRange.Min, data.ValueRange.Max)
            : new TwoValueCoding(0, 1);

    public Tensor ToUnit(Tensor x) => IsIdentity ? x : (x - _low) / _span;

    public Tensor FromUnit(Tensor u) => IsIdentity ? u : u * _span + _low;
}
