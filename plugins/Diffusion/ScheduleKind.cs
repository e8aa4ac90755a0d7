namespace Framework.Plugins.Diffusion;

/// <summary>How the noise variances beta_t grow with t.</summary>
public enum ScheduleKind
{
    /// <summary>beta_t linear from beta_start to beta_end (Ho et al. 2020).</summary>
    Linear,

    /// <summary>alpha_bar_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) π/2), betas clipped at 0.999 (Nichol and Dhariwal 2021).</summary>
    Cosine,
}
