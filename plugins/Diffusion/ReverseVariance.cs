namespace Framework.Plugins.Diffusion;

/// <summary>The fixed variance sigma_t² of the reverse step p(x_{t-1} | x_t) (Ho et al. 2020, section 3.2).</summary>
public enum ReverseVariance
{
    /// <summary>The posterior variance beta~_t = beta_t (1 - alpha_bar_{t-1}) / (1 - alpha_bar_t): optimal for a deterministic x_0.</summary>
    Small,

    /// <summary>beta_t: optimal for x_0 ~ N(0, I).</summary>
    Large,
}
