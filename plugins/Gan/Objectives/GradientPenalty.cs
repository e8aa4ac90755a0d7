using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Objectives;

/// <summary>The gradient penalty of WGAN-GP (Gulrajani et al. 2017, algorithm 1): E[(‖∇D(x̂)‖₂ − 1)²] on interpolates
/// x̂ = ε x + (1 − ε) x̃ between real examples x and generated ones x̃, with ε ~ U[0, 1] per example.</summary>
internal static class GradientPenalty
{
    /// <summary>The penalty (without its weight λ), differentiable with respect to the critic's parameters.</summary>
    /// <param name="critic">D.</param>
    /// <param name="real">Real examples <c>[n, ...]</c>.</param>
    /// <param name="fake">Generated examples of the same shape, detached from the generator.</param>
    /// <param name="epsilon">Interpolation weights, <c>[n, 1, ...]</c> (one per example).</param>
    public static Tensor Of(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor epsilon)
    {
        var interpolates = (epsilon * real + (1 - epsilon) * fake).detach().requires_grad_(true);
        var outputs = critic.forward(interpolates);
        // create_graph (and retain_graph, which TorchSharp does not infer from it as PyTorch does): the penalty's own gradient with respect to the critic's weights goes through this gradient.
        var gradient = autograd.grad([outputs.sum()], [interpolates], retain_graph: true, create_graph: true)[0];
        return (gradient.flatten(1).norm(1) - 1).square().mean();
    }

    /// <summary>ε ~ U[0, 1], one per example of <paramref name="real"/>, shaped to broadcast over its values.</summary>
    public static Tensor Weights(Tensor real, Generator generator)
    {
        long[] shape = [real.shape[0], .. Enumerable.Repeat(1L, (int)real.dim() - 1)];
        return rand(shape, dtype: real.dtype, device: real.device, generator: generator);
    }
}
