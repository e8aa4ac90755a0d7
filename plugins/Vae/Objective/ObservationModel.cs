using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Objective;

/// <summary>The decoder's distribution p(x|h), given the decoder's output for h; values of an example are independent.</summary>
/// <remarks>A module so that learned parameters (a Gaussian's variance) are optimised and saved with the networks.</remarks>
internal abstract class ObservationModel : nn.Module
{
    protected ObservationModel(string name)
        : base(name)
    {
    }

    /// <summary>-log p(x|h) summed over every value and every example: the training reconstruction term.</summary>
    /// <param name="output">Decoder outputs <c>[n, features]</c>.</param>
    /// <param name="x">Examples <c>[n, features]</c>.</param>
    public abstract Tensor NegativeLogLikelihoodSum(Tensor output, Tensor x);

    /// <summary>log p(x|h) per example, summed over the last dimension.</summary>
    /// <param name="output">Decoder outputs <c>[..., n, features]</c>.</param>
    /// <param name="x">Examples <c>[n, features]</c>, broadcast over the leading dimensions of <paramref name="output"/>.</param>
    public abstract Tensor LogLikelihood(Tensor output, Tensor x);

    /// <summary>E[x|h]: what reconstructions, manifolds and mean samples show.</summary>
    public abstract Tensor Mean(Tensor output);

    /// <summary>A draw x ~ p(x|h).</summary>
    public abstract Tensor Draw(Tensor output, Generator generator);
}
