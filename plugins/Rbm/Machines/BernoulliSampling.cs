using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>Draws binary states with given probabilities.</summary>
internal static class BernoulliSampling
{
    /// <summary>1 where a uniform draw falls below <paramref name="probabilities"/>, else 0, in their dtype.</summary>
    /// <remarks>Equivalent to <c>torch.bernoulli</c>, but libtorch's CPU bernoulli with an explicit generator is about
    /// four times slower than drawing uniforms and comparing (575 µs against 150 µs for 64x784 on one core), and
    /// sampling is a third of a CD-1 step.</remarks>
    public static Tensor Sample(Tensor probabilities, Generator generator) =>
        rand(probabilities.shape, dtype: probabilities.dtype, device: probabilities.device, generator: generator).lt_(probabilities);
}
