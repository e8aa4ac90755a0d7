namespace Framework.Plugins.Diffusion;

/// <summary>What the U-Net's 3x3 convolutions see beyond the edge of an example.</summary>
public enum ConvolutionPadding
{
    /// <summary>Zeros, as for images (the reference's).</summary>
    Zeros,

    /// <summary>The opposite edge, for periodic lattices (the Ising model's boundary conditions), whose edge sites are
    /// neighbours.</summary>
    Circular,
}
