namespace Framework.Plugins.Vae;

/// <summary>How the decoder's output bias starts.</summary>
public enum OutputBiasInit
{
    /// <summary>Drawn like every other bias (PyTorch's default), as in the reference examples.</summary>
    Default,

    /// <summary>The training data's mean of each value: its log-odds for a Bernoulli decoder, the mean itself for a
    /// Gaussian one, so that training starts from the data's marginal (Burda et al. 2016 do this).</summary>
    DataMean,
}
