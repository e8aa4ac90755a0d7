namespace Framework.Plugins.Diffusion;

/// <summary>The noise-prediction network.</summary>
public enum DiffusionArchitecture
{
    /// <summary>A time-conditioned MLP on the flattened example: flat data and small lattices.</summary>
    Mlp,

    /// <summary>A small U-Net in the style of Ho et al.: images [channels, height, width] or [height, width].</summary>
    Unet,
}
