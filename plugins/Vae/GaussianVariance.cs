namespace Framework.Plugins.Vae;

/// <summary>How the variance of a Gaussian decoder is set.</summary>
public enum GaussianVariance
{
    /// <summary>Fixed at <see cref="VaeOptions.GaussianSigma"/> squared.</summary>
    Fixed,

    /// <summary>One learned log standard deviation per value of an example, starting at <see cref="VaeOptions.GaussianSigma"/>.</summary>
    Learned,
}
