using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>GroupNorm with PyTorch's initial affine parameters (weight 1, bias 0).</summary>
/// <remarks>TorchSharp 0.107's <c>nn.GroupNorm</c> leaves its weight and bias uninitialised (whatever the allocator
/// returned: zeros or 1e13), so they are set here explicitly.</remarks>
internal static class Normalization
{
    public static GroupNorm Group(int groups, long channels)
    {
        var norm = nn.GroupNorm(groups, channels);
        nn.init.ones_(norm.weight);
        nn.init.zeros_(norm.bias);
        return norm;
    }
}
