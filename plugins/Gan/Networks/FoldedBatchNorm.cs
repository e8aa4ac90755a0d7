using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>
/// Speed trick for sampling: a batch norm in eval mode is a fixed affine map per channel, y = s (x - mu) + beta with
/// s = gamma / sqrt(var + eps), so it folds into the weights and bias of the linear layer before it, and the network
/// runs one pass over each feature map instead of two. The plain path (layer, then batch norm) stays the definition;
/// GeneratorInferenceTests hold the two equal.
/// </summary>
internal static class FoldedBatchNorm
{
    /// <summary>The per-channel scale s and shift beta - s mu of <paramref name="norm"/> with its running statistics.</summary>
    public static (Tensor Scale, Tensor Shift) Affine(BatchNorm2d norm)
    {
        var scale = norm.weight!.div(norm.running_var!.add(norm.eps).sqrt());
        return (scale, norm.bias!.sub(norm.running_mean!.mul(scale)));
    }

    /// <summary>BN(x W^T) with x W^T viewed as [n, channels, rest...]: the weight's rows of channel c scaled by s_c.</summary>
    public static Tensor Linear(Tensor input, Linear layer, BatchNorm2d norm)
    {
        var (scale, shift) = Affine(norm);
        long channels = scale.shape[0], perChannel = layer.weight!.shape[0] / channels;
        var weight = layer.weight.view(channels, perChannel, -1).mul(scale.view(-1, 1, 1)).view(channels * perChannel, -1);
        var bias = shift.repeat_interleave(perChannel);
        if (layer.bias is not null)
            bias = bias.add(layer.bias.mul(scale.repeat_interleave(perChannel)));
        return nn.functional.linear(input, weight, bias);
    }

    /// <summary>BN(ConvTranspose(x)): the transposed convolution's weight [in, out, kh, kw] scaled per output channel;
    /// <paramref name="stride"/> and <paramref name="padding"/> are the layer's (the same along both axes).</summary>
    public static Tensor ConvTranspose(Tensor input, ConvTranspose2d layer, BatchNorm2d norm, long stride, long padding)
    {
        var (scale, shift) = Affine(norm);
        var weight = layer.weight!.mul(scale.view(1, -1, 1, 1));
        var bias = layer.bias is null ? shift : shift.add(layer.bias.mul(scale));
        return ConvTransposeThenBias(input, weight, bias, stride, padding);
    }

    /// <summary>A transposed convolution with its bias added afterwards, in place: oneDNN adds a deconvolution's bias with
    /// a scalar reference loop that took four times as long as the deconvolution itself (perf, DCGAN sampling).</summary>
    public static Tensor ConvTransposeThenBias(Tensor input, Tensor weight, Tensor? bias, long stride, long padding)
    {
        var output = nn.functional.conv_transpose2d(input, weight, null, strides: [stride, stride], padding: [padding, padding]);
        return bias is null ? output : output.add_(bias.view(1, -1, 1, 1));
    }
}
