namespace Framework.Plugins.Vae.Networks;

/// <summary>The feature-map sizes of the convolutional encoder, from the image down to the last stride-2 convolution.</summary>
internal sealed class ConvShape
{
    public ConvShape(long[] image, IReadOnlyList<int> channels, int kernelSize)
    {
        Channels = channels;
        KernelSize = kernelSize;
        Heights = new long[channels.Count + 1];
        Widths = new long[channels.Count + 1];
        (Heights[0], Widths[0]) = (image[1], image[2]);
        for (var i = 0; i < channels.Count; i++)
        {
            // A stride-2 convolution with padding k/2 (k odd) maps s to ceil(s / 2), like Keras' "same" padding.
            Heights[i + 1] = (Heights[i] + 1) / 2;
            Widths[i + 1] = (Widths[i] + 1) / 2;
        }
    }

    /// <summary>Filters of each stride-2 convolution.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>The square kernel's side.</summary>
    public int KernelSize { get; }

    /// <summary>Heights of the image (index 0) and of each convolution's output.</summary>
    public long[] Heights { get; }

    /// <summary>Widths of the image (index 0) and of each convolution's output.</summary>
    public long[] Widths { get; }

    /// <summary>The number of values in the last feature map, where the dense layers start.</summary>
    public long FeatureMapSize => Channels[^1] * Heights[^1] * Widths[^1];
}
