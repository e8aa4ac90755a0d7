using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Evaluation;

/// <summary>The negative variational bound of a batch, per example in nats: L_T + sum_t L_{t-1} + L_0.</summary>
/// <param name="Prior">L_T = KL(q(x_T | x_0) || N(0, I)).</param>
/// <param name="Diffusion">sum_{t=2..T} KL(q(x_{t-1} | x_t, x_0) || p(x_{t-1} | x_t)), exact or estimated.</param>
/// <param name="Decoder">L_0 = -log p(x_0 | x_1) under the discretised decoder.</param>
internal sealed record BoundTerms(Tensor Prior, Tensor Diffusion, Tensor Decoder)
{
    /// <summary>The whole bound per example: the sum of the three terms.</summary>
    public Tensor Total => Prior + Diffusion + Decoder;
}
