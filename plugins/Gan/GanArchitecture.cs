namespace Framework.Plugins.Gan;

/// <summary>The generator and discriminator networks.</summary>
public enum GanArchitecture
{
    /// <summary>Fully connected networks, for flat data and small lattices.</summary>
    Mlp,

    /// <summary>The DCGAN of the PyTorch reference: transposed convolutions up from 7x7 (for 28x28 images), strided
    /// convolutions down.</summary>
    Dcgan,
}
