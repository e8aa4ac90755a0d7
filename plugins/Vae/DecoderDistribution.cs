namespace Framework.Plugins.Vae;

/// <summary>The decoder's distribution p(x|h) over each value of an example.</summary>
public enum DecoderDistribution
{
    /// <summary>Bernoulli with logits: binary data, or grey levels in [0, 1] read as probabilities (the usual MNIST practice).</summary>
    Bernoulli,

    /// <summary>Gaussian with the decoder's output as mean and a fixed or learned variance.</summary>
    Gaussian,
}
