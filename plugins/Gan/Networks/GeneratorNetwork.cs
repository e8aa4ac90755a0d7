using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>A generator G(z): noise <c>[n, latent]</c> to values in [-1, 1] of the network's example shape.</summary>
internal abstract class GeneratorNetwork : nn.Module<Tensor, Tensor>
{
    protected GeneratorNetwork(string name, int latentDim) : base(name) => LatentDim = latentDim;

    /// <summary>The size of z.</summary>
    public int LatentDim { get; }

    /// <summary>Whether the network normalises by batch statistics (and so has running statistics to recalibrate).</summary>
    public bool HasBatchNorm => buffers().Any();

    /// <summary>Recomputes the batch-norm running statistics for the current weights from the noise <paramref name="z"/>;
    /// nothing for a network without batch norm.</summary>
    public virtual void Recalibrate(Tensor z)
    {
    }
}
