using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>A generator G(z): noise <c>[n, latent]</c> to values in [-1, 1] of the network's example shape.</summary>
internal abstract class GeneratorNetwork : nn.Module<Tensor, Tensor>
{
    protected GeneratorNetwork(string name, LatentNoise latent) : base(name) => Latent = latent;

    /// <summary>What the generator takes as input.</summary>
    public LatentNoise Latent { get; }

    /// <summary>The width of the input (z and the code, if any).</summary>
    public int LatentDim => Latent.Size;

    /// <summary>G(z) for sampling: the values of <c>forward</c>, which a network may compute faster when it is in eval mode
    /// and no gradient is wanted.</summary>
    public virtual Tensor Infer(Tensor z) => forward(z);

    /// <summary>Whether the network normalises by batch statistics (and so has running statistics to recalibrate).</summary>
    public bool HasBatchNorm => buffers().Any();

    /// <summary>Recomputes the batch-norm running statistics for the current weights from the noise <paramref name="z"/>;
    /// nothing for a network without batch norm.</summary>
    public virtual void Recalibrate(Tensor z)
    {
    }
}
