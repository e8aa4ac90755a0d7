using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>Re-initialises layers as PyTorch does by default, but from the run's seeded generator.</summary>
/// <remarks>
/// PyTorch initialises linear and convolutional weights with Kaiming-uniform (a = sqrt 5) and biases uniformly, both
/// on [-1/sqrt(fan_in), 1/sqrt(fan_in)]. TorchSharp's layers do the same but draw from the global generator; drawing
/// again from <see cref="Generator"/> makes a run reproducible from its seed and keeps the reference's initialisation.
/// For a transposed convolution the weight is [in, out, k, k] and PyTorch takes fan_in from its second dimension too.
/// </remarks>
internal static class Initialization
{
    public static void PyTorchDefault(nn.Module network, Generator generator)
    {
        using var _ = no_grad();
        foreach (var module in network.modules())
        {
            var (weight, bias) = module switch
            {
                Linear linear => (linear.weight, linear.bias),
                Conv2d conv => (conv.weight, conv.bias),
                ConvTranspose2d transposed => (transposed.weight, transposed.bias),
                _ => (null, null),
            };
            if (weight is null)
                continue;
            var fanIn = weight.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
            var bound = 1.0 / Math.Sqrt(fanIn);
            // Tensor.uniform_, not nn.init.uniform_: the latter ignores its generator argument in TorchSharp 0.107.
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
