using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Evaluation;

/// <summary>KL(N(m1, e^{lv1}) || N(m2, e^{lv2})) per value = ½(−1 + lv2 − lv1 + e^{lv1 − lv2} + (m1 − m2)² e^{−lv2}), in double precision.</summary>
internal static class GaussianKl
{
    public static Tensor Between(Tensor mean1, Tensor logVariance1, Tensor mean2, Tensor logVariance2)
    {
        Tensor D(Tensor t) => t.to(float64);
        return 0.5 * (-1.0 + D(logVariance2) - D(logVariance1) + exp(D(logVariance1) - D(logVariance2))
                      + (D(mean1) - D(mean2)).square() * exp(-D(logVariance2)));
    }
}
