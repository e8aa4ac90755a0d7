using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>The convolutional encoder and decoder of the Keras MNIST VAE example, generalised to any image size.</summary>
/// <remarks>
/// Encoder: stride-2 convolutions (32 then 64 filters, kernel 3, "same" padding, ReLU), flatten, dense 16, then the
/// posterior head. Decoder: dense layers up to the last feature map, stride-2 transposed convolutions back through the
/// filters in reverse (64, 32), and a stride-1 transposed convolution to the image's channels. A stride-2 convolution
/// with padding k/2 maps size s to ceil(s/2); the transposed one maps s to 2s - 1 + output_padding, so output_padding
/// (0 or 1) restores every encoder size exactly, odd sizes included.
/// </remarks>
internal static class ConvNetworks
{
    public static Sequential Encoder(long[] image, ConvShape shape, IReadOnlyList<int> dense, int latentDim, HiddenActivation activation, Device device)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var channels = image[0];
        for (var i = 0; i < shape.Channels.Count; i++)
        {
            layers.Add(($"conv{i}", nn.Conv2d(channels, shape.Channels[i], shape.KernelSize, stride: 2, padding: shape.KernelSize / 2, device: device)));
            layers.Add(($"conv_act{i}", Activations.Create(activation)));
            channels = shape.Channels[i];
        }

        layers.Add(("flatten", nn.Flatten()));
        var width = shape.FeatureMapSize;
        for (var i = 0; i < dense.Count; i++)
        {
            layers.Add(($"fc{i}", nn.Linear(width, dense[i], device: device)));
            layers.Add(($"act{i}", Activations.Create(activation)));
            width = dense[i];
        }

        layers.Add(("posterior", nn.Linear(width, 2L * latentDim, device: device)));
        return nn.Sequential(layers);
    }

    public static Sequential Decoder(long[] image, ConvShape shape, IReadOnlyList<int> dense, int latentDim, HiddenActivation activation, Device device)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long width = latentDim;
        for (var i = dense.Count - 1; i >= 0; i--)
        {
            layers.Add(($"fc{i}", nn.Linear(width, dense[i], device: device)));
            layers.Add(($"act{i}", Activations.Create(activation)));
            width = dense[i];
        }

        var last = shape.Channels.Count - 1;
        layers.Add(("feature_map", nn.Linear(width, shape.FeatureMapSize, device: device)));
        layers.Add(("feature_map_act", Activations.Create(activation)));
        layers.Add(("unflatten", nn.Unflatten(1, [shape.Channels[last], shape.Heights[^1], shape.Widths[^1]])));
        for (var i = last; i >= 0; i--)
        {
            // Keras mirrors the filters: the transposed convolution that restores level i has Channels[i] filters.
            var input = shape.Channels[Math.Min(i + 1, last)];
            var outputPadding = (shape.Heights[i] - (2 * shape.Heights[i + 1] - 1), shape.Widths[i] - (2 * shape.Widths[i + 1] - 1));
            layers.Add(($"deconv{i}", nn.ConvTranspose2d(
                input, shape.Channels[i], (shape.KernelSize, shape.KernelSize), stride: (2, 2), padding: (shape.KernelSize / 2, shape.KernelSize / 2),
                output_padding: outputPadding, device: device)));
            layers.Add(($"deconv_act{i}", Activations.Create(activation)));
        }

        layers.Add(("output", nn.ConvTranspose2d(shape.Channels[0], image[0], shape.KernelSize, stride: 1, padding: shape.KernelSize / 2, device: device)));
        return nn.Sequential(layers);
    }
}
