using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>Single-head self-attention over the positions of a feature map (Ho et al.'s U-Net): GroupNorm, 1x1 q, k, v,
/// softmax(qᵀk / sqrt(C)), a 1x1 output projection that starts at zero, and a residual connection.</summary>
internal sealed class AttentionBlock : Module<Tensor, Tensor>
{
    private readonly GroupNorm norm;
    private readonly Conv2d qkv, projection;

    public AttentionBlock(long channels, int groups) : base(nameof(AttentionBlock))
    {
        norm = Normalization.Group(groups, channels);
        qkv = Conv2d(channels, 3 * channels, 1);
        projection = Conv2d(channels, channels, 1);
        init.zeros_(projection.weight);
        init.zeros_(projection.bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var parts = qkv.forward(norm.forward(x)).reshape(b, 3, c, h * w).unbind(1);
        var weights = softmax(bmm(parts[0].transpose(1, 2), parts[1]) / Math.Sqrt(c), -1);   // [b, hw, hw]
        var attended = bmm(parts[2], weights.transpose(1, 2)).reshape(b, c, h, w);
        return x + projection.forward(attended);
    }
}
