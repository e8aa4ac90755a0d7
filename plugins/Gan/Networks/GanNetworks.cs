using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>The generator and discriminator of one model, and the example shape they work in.</summary>
/// <param name="Generator">G(z), values in [-1, 1].</param>
/// <param name="Discriminator">D(x), one logit or critic value per example.</param>
/// <param name="Shape">The shape of one example as the networks see it: <c>[C, H, W]</c> for dcgan, <c>[features]</c> for mlp.</param>
internal sealed record GanNetworks(GeneratorNetwork Generator, nn.Module<Tensor, Tensor> Discriminator, long[] Shape) : IDisposable
{
    /// <summary>Builds the networks that <paramref name="options"/> name for examples of <paramref name="sampleShape"/>,
    /// or says why they do not fit.</summary>
    public static GanNetworks Create(GanOptions options, long[] sampleShape, Device device)
    {
        if (options.Hidden.Length == 0 && options.Architecture == GanArchitecture.Mlp)
            throw new ArgumentException("model.hidden is empty; the mlp architecture needs at least one hidden layer, e.g. [256, 256].");
        var latent = new LatentNoise(options.LatentDim, options.LatentCategories);
        if (options.Architecture == GanArchitecture.Mlp)
        {
            var features = sampleShape.Aggregate(1L, (a, b) => a * b);
            return new(new MlpGenerator(latent, options.Hidden, features, device),
                       new MlpDiscriminator(features, options.Hidden, device), [features]);
        }

        var image = ImageShape(sampleShape) ?? throw new ArgumentException(
            $"model.architecture dcgan needs images [channels, height, width] or [height, width] with height and width multiples of 4 " +
            $"(28x28 as the reference), but the dataset's examples are [{string.Join(", ", sampleShape)}]; use architecture: mlp, " +
            "or image-shaped data (idx with shape: image).");
        var (c, h, w) = (image[0], image[1], image[2]);
        return new(new DcganGenerator(latent, c, h, w, device),
                   new DcganDiscriminator(c, h, w, batchNorm: options.Loss != GanLoss.WganGp, device), image);
    }

    private static long[]? ImageShape(long[] shape)
    {
        long[]? image = shape.Length switch
        {
            3 => shape,
            2 => [1, shape[0], shape[1]],
            _ => null,
        };
        return image is not null && image[1] >= 4 && image[2] >= 4 && image[1] % 4 == 0 && image[2] % 4 == 0 ? image : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
