using Framework.Plugins.Vae.Objective;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>The encoder q(h|x), the decoder p(x|h) and the decoder's distribution, as one module for saving and optimising.</summary>
/// <remarks>
/// The encoder ends in one linear layer with 2 x latent outputs, split into mean and log-variance: the same function
/// and initialisation as two separate heads (both have the same fan-in), in one matrix product.
/// </remarks>
internal sealed class VaeNetwork : nn.Module
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;
    private readonly ObservationModel observation;
    private readonly long[] _encoderInputShape;

    public VaeNetwork(Sequential encoder, Sequential decoder, ObservationModel observation, long[] encoderInputShape, int latentDim)
        : base("vae")
    {
        this.encoder = encoder;
        this.decoder = decoder;
        this.observation = observation;
        _encoderInputShape = encoderInputShape;
        LatentDim = latentDim;
        RegisterComponents();
    }

    /// <summary>The size of the latent space.</summary>
    public int LatentDim { get; }

    /// <summary>The decoder's distribution over the values of an example.</summary>
    public ObservationModel Observation => observation;

    /// <summary>The posterior's mean and log-variance, each <c>[n, latent]</c>, for examples of any batch shape.</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor x)
    {
        var statistics = encoder.forward(x.reshape([x.shape[0], .. _encoderInputShape]));
        var halves = statistics.chunk(2, 1);
        return (halves[0], halves[1]);
    }

    /// <summary>The bias of the decoder's last layer: one per value (mlp) or one per channel (conv).</summary>
    public Parameter OutputBias => decoder.named_parameters().Single(p => p.name == "output.bias").parameter;

    /// <summary>The decoder's output (logits or means) for latent codes <c>[n, latent]</c>, flattened to <c>[n, features]</c>.</summary>
    public Tensor Decode(Tensor z) => decoder.forward(z).flatten(1);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoder.Dispose();
            decoder.Dispose();
            observation.Dispose();
        }

        base.Dispose(disposing);
    }
}
