using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Evaluation;

/// <summary>The decoder p(x_0 | x_1) of Ho et al. (Eq. 13): a Gaussian N(mu, sigma²) integrated over the bin of each value,
/// with K bins of width 2/(K - 1) centred on -1 + 2k/(K - 1) and the two edge bins open to ±infinity, so the K
/// probabilities sum to 1. K = 256 is Ho et al.'s decoder for 8-bit images; K = 2 puts the bin edge at 0 and is a
/// Bernoulli on the sign, P(x = +1) = Phi(mu / sigma), for spins and binary units.</summary>
/// <remarks>Computed in double precision; probabilities are clamped at 1e-12 before the log, as in Ho et al.'s code
/// (TorchSharp has no log_ndtr).</remarks>
internal static class DiscretizedGaussian
{
    /// <summary>log P(x) per value, for x on the K-level grid in [-1, 1].</summary>
    /// <param name="x">Values on the grid.</param>
    /// <param name="mean">The Gaussian's mean, broadcastable against x.</param>
    /// <param name="logScale">log sigma, broadcastable against x.</param>
    /// <param name="bins">K, at least 2.</param>
    public static Tensor LogLikelihood(Tensor x, Tensor mean, Tensor logScale, int bins)
    {
        var halfWidth = 1.0 / (bins - 1);
        var x64 = x.to(float64);
        var centred = x64 - mean.to(float64);
        var inverseScale = exp(-logScale.to(float64));
        var upper = inverseScale * (centred + halfWidth);
        var lower = inverseScale * (centred - halfWidth);
        var cdfUpper = special.ndtr(upper);
        var cdfLower = special.ndtr(lower);
        var logCdfUpper = log(cdfUpper.clamp_min(1e-12));                 // the bin (-inf, x + h] at the left edge
        var logSurvivalLower = log((1 - cdfLower).clamp_min(1e-12));      // the bin [x - h, inf) at the right edge
        var logBin = log((cdfUpper - cdfLower).clamp_min(1e-12));
        return where(x64 < -1 + halfWidth, logCdfUpper, where(x64 > 1 - halfWidth, logSurvivalLower, logBin));
    }
}
