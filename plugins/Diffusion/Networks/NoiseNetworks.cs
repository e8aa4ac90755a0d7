using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>Builds the eps_theta network the options name, with the shape of one example as that network sees it.</summary>
internal static class NoiseNetworks
{
    public static (nn.Module<Tensor, Tensor, Tensor> Network, long[] Shape) Create(DiffusionOptions options, long[] sampleShape)
    {
        var features = sampleShape.Aggregate(1L, (a, b) => a * b);
        if (options.Architecture == DiffusionArchitecture.Mlp)
            return (new TimeConditionedMlp(features, options.Hidden, options.TimeEmbedding), [features]);

        long[] image = sampleShape.Length switch
        {
            3 => sampleShape,
            2 => [1, sampleShape[0], sampleShape[1]],
            _ => throw new ArgumentException(
                $"model.architecture unet needs images [channels, height, width] or [height, width]; the data's examples are [{string.Join(", ", sampleShape)}] (use architecture mlp, or dataset.shape image)."),
        };
        var factor = 1L << (options.ChannelMultipliers.Length - 1);
        if (image[1] % factor != 0 || image[2] % factor != 0)
            throw new ArgumentException(
                $"model.channel_multipliers has {options.ChannelMultipliers.Length} levels, so height and width must divide by {factor}; the images are {image[1]}x{image[2]}.");
        var badLevel = options.ChannelMultipliers.Select(m => (long)options.Channels * m).FirstOrDefault(c => c % options.Groups != 0);
        if (badLevel != 0)
            throw new ArgumentException($"model.groups ({options.Groups}) must divide every level's channels; {badLevel} is not a multiple.");
        return (new UNet(image[0], options.Channels, options.ChannelMultipliers, options.Attention, options.Groups,
            options.Padding == ConvolutionPadding.Circular ? TorchSharp.PaddingModes.Circular : TorchSharp.PaddingModes.Zeros), image);
    }
}
