using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Gan.Networks;

/// <summary>The DCGAN generator of the PyTorch reference (shared/bench/gan.py) for C x H x W images, H and W multiples
/// of 4: z -> Linear(z, 128 (H/4)(W/4), no bias) -> BN -> ReLU -> ConvT(128, 64, 4, 2, 1, no bias) -> BN -> ReLU
/// -> ConvT(64, C, 4, 2, 1) -> tanh. For 28x28 the first feature map is 128 x 7 x 7.</summary>
internal sealed class DcganGenerator : GeneratorNetwork
{
    private const long Stride = 2, Padding = 1;   // each transposed convolution doubles the height and width

    private readonly Linear fc;
    private readonly BatchNorm2d bn0;
    private readonly ConvTranspose2d up1;
    private readonly BatchNorm2d bn1;
    private readonly ConvTranspose2d up2;
    private readonly long _height;
    private readonly long _width;

    public DcganGenerator(LatentNoise latent, long channels, long height, long width, Device device) : base(nameof(DcganGenerator), latent)
    {
        (_height, _width) = (height / 4, width / 4);
        fc = Linear(latent.Size, 128 * _height * _width, hasBias: false, device: device);
        bn0 = BatchNorm2d(128, device: device);
        up1 = ConvTranspose2d(128, 64, 4, stride: Stride, padding: Padding, bias: false, device: device);
        bn1 = BatchNorm2d(64, device: device);
        up2 = ConvTranspose2d(64, channels, 4, stride: Stride, padding: Padding, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z)
    {
        var h = functional.relu(bn0.forward(fc.forward(z).view(-1, 128, _height, _width)));
        h = functional.relu(bn1.forward(up1.forward(h)));
        return up2.forward(h).tanh();
    }

    /// <summary>The same values as <see cref="forward"/> in eval mode without gradients, with each batch norm folded
    /// into the layer before it (<see cref="FoldedBatchNorm"/>) and the activations applied in place.</summary>
    public override Tensor Infer(Tensor z)
    {
        if (training || is_grad_enabled())
            return forward(z);
        var h = FoldedBatchNorm.Linear(z, fc, bn0).view(-1, 128, _height, _width).relu_();
        h = FoldedBatchNorm.ConvTranspose(h, up1, bn1, Stride, Padding).relu_();
        return FoldedBatchNorm.ConvTransposeThenBias(h, up2.weight!, up2.bias, Stride, Padding).tanh_();
    }

    /// <summary>Sets each batch-norm layer's running statistics to the mean and (unbiased) variance of its input over
    /// the batch <paramref name="z"/>, layer by layer, so that every later layer sees the normalisation it will be
    /// evaluated with.</summary>
    public override void Recalibrate(Tensor z)
    {
        using var noGrad = no_grad();
        var h = fc.forward(z).view(-1, 128, _height, _width);
        h = functional.relu(Normalise(bn0, h));
        Normalise(bn1, up1.forward(h));
    }

    private static Tensor Normalise(BatchNorm2d norm, Tensor input)
    {
        norm.running_mean!.copy_(input.mean([0, 2, 3]));
        norm.running_var!.copy_(input.var([0, 2, 3], unbiased: true));
        norm.eval();
        return norm.forward(input);
    }
}
