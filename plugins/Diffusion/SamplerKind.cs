namespace Framework.Plugins.Diffusion;

/// <summary>How samples are drawn from the reverse process.</summary>
public enum SamplerKind
{
    /// <summary>The ancestral DDPM chain through all T steps.</summary>
    Ancestral,

    /// <summary>DDIM (Song et al. 2021) on a subsequence of sampling_steps timesteps, with noise scale eta.</summary>
    Ddim,
}
