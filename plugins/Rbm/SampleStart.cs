namespace Framework.Plugins.Rbm;

/// <summary>Where the Gibbs chains that draw model samples start.</summary>
public enum SampleStart
{
    /// <summary>Independent noise: uniform bits, or the visible biases' Gaussian for Gaussian units.</summary>
    Noise,

    /// <summary>Random training examples.</summary>
    Data,
}
