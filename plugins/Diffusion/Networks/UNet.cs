using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>The small U-Net of the reference (shared/bench/ddpm.py, after Ho et al.'s): one residual block per level,
/// stride-2 convolutions down, a middle of residual block, optional self-attention and residual block at the lowest
/// resolution, and on the way up one residual block on [h, skip] per level followed by nearest-neighbour upsampling and
/// a 3x3 convolution. Predicts eps with the input's shape [b, c, h, w]. Its convolutions pad with zeros (images) or
/// circularly (periodic lattices, where the network then commutes with translations by multiples of its downsampling).</summary>
/// <remarks>With 16 channels, multipliers (1, 2, 2) and attention it has the reference's 199,729 parameters.</remarks>
internal sealed class UNet : Module<Tensor, Tensor, Tensor>
{
    private readonly int channels;
    private readonly Sequential timeMlp;
    private readonly Conv2d input, output;
    private readonly ModuleList<ResidualBlock> down, up;
    private readonly ModuleList<Conv2d> downsample, upsample;
    private readonly ResidualBlock middle1, middle2;
    private readonly Module<Tensor, Tensor> attention;
    private readonly GroupNorm outputNorm;

    public UNet(long imageChannels, int channels, IReadOnlyList<int> multipliers, bool attention, int groups,
        PaddingModes padding = PaddingModes.Zeros) : base(nameof(UNet))
    {
        this.channels = channels;
        long timeWidth = 4L * channels;
        timeMlp = Sequential(Linear(channels, timeWidth), SiLU(), Linear(timeWidth, timeWidth));
        input = Conv2d(imageChannels, channels, 3, padding: 1, padding_mode: padding);
        var levels = multipliers.Select(m => (long)channels * m).ToArray();
        down = new ModuleList<ResidualBlock>();
        downsample = new ModuleList<Conv2d>();
        long c = channels;
        for (var i = 0; i < levels.Length; i++)
        {
            down.Add(new ResidualBlock(c, levels[i], timeWidth, groups, padding));
            c = levels[i];
            if (i < levels.Length - 1)
                downsample.Add(Conv2d(c, c, 3, stride: 2, padding: 1, padding_mode: padding));
        }

        middle1 = new ResidualBlock(c, c, timeWidth, groups, padding);
        this.attention = attention ? new AttentionBlock(c, groups) : Identity();
        middle2 = new ResidualBlock(c, c, timeWidth, groups, padding);
        up = new ModuleList<ResidualBlock>();
        upsample = new ModuleList<Conv2d>();
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            up.Add(new ResidualBlock(c + levels[i], levels[i], timeWidth, groups, padding));
            c = levels[i];
            if (i > 0)
                upsample.Add(Conv2d(c, c, 3, padding: 1, padding_mode: padding));
        }

        outputNorm = Normalization.Group(groups, c);
        output = Conv2d(c, imageChannels, 3, padding: 1, padding_mode: padding);
        init.zeros_(output.weight);
        init.zeros_(output.bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor t)
    {
        var time = timeMlp.forward(TimestepEmbedding.Sinusoidal(t, channels));
        var h = input.forward(x);
        var skips = new Stack<Tensor>();
        for (var i = 0; i < down.Count; i++)
        {
            h = down[i].forward(h, time);
            skips.Push(h);
            if (i < downsample.Count)
                h = downsample[i].forward(h);
        }

        h = middle2.forward(attention.forward(middle1.forward(h, time)), time);
        for (var j = 0; j < up.Count; j++)
        {
            h = up[j].forward(cat([h, skips.Pop()], 1), time);
            if (j < upsample.Count)
                h = upsample[j].forward(functional.interpolate(h, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest));
        }

        return output.forward(functional.silu(outputNorm.forward(h)));
    }
}
