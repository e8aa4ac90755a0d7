using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>Ho et al.'s residual block: h = conv(SiLU(GN(x))) + W SiLU(temb) per channel; h = conv(SiLU(GN(h)));
/// out = skip(x) + h, with a 1x1 convolution as skip when the channels change.</summary>
/// <remarks>The second convolution starts at zero (Ho et al.), so every block starts as its skip connection.</remarks>
internal sealed class ResidualBlock : Module<Tensor, Tensor, Tensor>
{
    private readonly GroupNorm norm1, norm2;
    private readonly Conv2d conv1, conv2;
    private readonly Linear time;
    private readonly Module<Tensor, Tensor> skip;

    public ResidualBlock(long input, long output, long timeWidth, int groups, PaddingModes padding = PaddingModes.Zeros)
        : base(nameof(ResidualBlock))
    {
        norm1 = Normalization.Group(groups, input);
        conv1 = Conv2d(input, output, 3, padding: 1, padding_mode: padding);
        time = Linear(timeWidth, output);
        norm2 = Normalization.Group(groups, output);
        conv2 = Conv2d(output, output, 3, padding: 1, padding_mode: padding);
        init.zeros_(conv2.weight);
        init.zeros_(conv2.bias);
        skip = input == output ? Identity() : Conv2d(input, output, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor timeEmbedding)
    {
        var h = conv1.forward(functional.silu(norm1.forward(x)));
        h = h + time.forward(functional.silu(timeEmbedding)).unsqueeze(-1).unsqueeze(-1);
        h = conv2.forward(functional.silu(norm2.forward(h)));
        return skip.forward(x) + h;
    }
}
