using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>The sinusoidal embedding of a timestep (Vaswani et al. 2017, as in Ho et al.'s code): [sin(t f_i), cos(t f_i)]
/// with f_i = exp(-i ln(10000) / (d/2 - 1)), i = 0..d/2-1.</summary>
internal static class TimestepEmbedding
{
    public static Tensor Sinusoidal(Tensor t, int dim)
    {
        var half = dim / 2;
        var scale = -Math.Log(10_000) / Math.Max(half - 1, 1);
        var frequencies = exp(arange(half, dtype: float32, device: t.device) * scale);
        var angles = t.to(float32).unsqueeze(1) * frequencies.unsqueeze(0);
        return cat([sin(angles), cos(angles)], 1);
    }
}
