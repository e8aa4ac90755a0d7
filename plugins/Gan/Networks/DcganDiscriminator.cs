using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Gan.Networks;

/// <summary>The DCGAN discriminator of the PyTorch reference for C x H x W images: Conv(C, 64, 4, 2, 1) -> LeakyReLU(0.2)
/// -> Conv(64, 128, 4, 2, 1, no bias) -> BN -> LeakyReLU(0.2) -> flatten -> Linear(128 (H/4)(W/4), 1), one logit per
/// image. A WGAN-GP critic has no batch norm (the penalty is per example), so its second convolution has a bias.</summary>
internal sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Conv2d c1;
    private readonly Conv2d c2;
    private readonly BatchNorm2d? bn2;
    private readonly Linear fc;

    public DcganDiscriminator(long channels, long height, long width, bool batchNorm, Device device) : base(nameof(DcganDiscriminator))
    {
        c1 = Conv2d(channels, 64, 4, stride: 2, padding: 1, device: device);
        c2 = Conv2d(64, 128, 4, stride: 2, padding: 1, bias: !batchNorm, device: device);
        bn2 = batchNorm ? BatchNorm2d(128, device: device) : null;
        fc = Linear(128 * (height / 4) * (width / 4), 1, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = functional.leaky_relu(c1.forward(x), 0.2);
        h = c2.forward(h);
        h = functional.leaky_relu(bn2 is null ? h : bn2.forward(h), 0.2);
        return fc.forward(h.flatten(1)).squeeze(1);
    }
}
