using Framework.Plugins.Vae.Objective;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>Builds the encoder, decoder and decoder distribution that the options describe, on the run's device.</summary>
internal static class VaeNetworkFactory
{
    /// <summary>The classic latent sizes: 20 in the PyTorch MLP example, 2 in the Keras convolutional one.</summary>
    public static int LatentDim(VaeOptions options) =>
        options.LatentDim > 0 ? options.LatentDim : options.Architecture == VaeArchitecture.Conv ? 2 : 20;

    public static VaeNetwork Create(VaeOptions options, long[] sampleShape, Device device)
    {
        var features = SampleGeometry.FeatureCount(sampleShape);
        var latent = LatentDim(options);
        ObservationModel observation = options.Likelihood switch
        {
            DecoderDistribution.Bernoulli => new BernoulliObservation(),
            DecoderDistribution.Gaussian => new GaussianObservation(features, options.GaussianSigma, options.Variance == GaussianVariance.Learned, device),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Likelihood, "Unknown decoder distribution."),
        };

        if (options.Architecture == VaeArchitecture.Mlp)
        {
            return new VaeNetwork(
                MlpNetworks.Encoder(features, options.Hidden, latent, options.Activation, device),
                MlpNetworks.Decoder(features, options.Hidden, latent, options.Activation, device),
                observation,
                [features],
                latent);
        }

        var image = SampleGeometry.AsImage(sampleShape)
            ?? throw new ArgumentException($"The conv architecture needs image examples; got {SampleGeometry.Describe(sampleShape)}.", nameof(sampleShape));
        var shape = new ConvShape(image, options.ConvChannels, options.KernelSize);
        return new VaeNetwork(
            ConvNetworks.Encoder(image, shape, options.ConvDense, latent, options.Activation, device),
            ConvNetworks.Decoder(image, shape, options.ConvDense, latent, options.Activation, device),
            observation,
            image,
            latent);
    }
}
