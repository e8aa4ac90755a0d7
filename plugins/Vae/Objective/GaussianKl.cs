using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Objective;

/// <summary>KL(N(mu, diag exp(logvar)) ‖ N(0, I)) in closed form: ½ Σ (σ² + μ² − 1 − log σ²).</summary>
internal static class GaussianKl
{
    /// <summary>The KL of every latent dimension of every example, <c>[n, latent]</c>.</summary>
    public static Tensor PerDimension(Tensor mean, Tensor logVariance) =>
        (logVariance.exp() + mean.square() - 1 - logVariance).mul_(0.5);

    /// <summary>The KL summed over dimensions and examples: the training term.</summary>
    public static Tensor Sum(Tensor mean, Tensor logVariance) => PerDimension(mean, logVariance).sum();
}
