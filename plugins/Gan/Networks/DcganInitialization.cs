using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>The DCGAN initialisation (Radford et al. 2016, as the reference's <c>dcgan_init</c>): convolution,
/// transposed convolution and linear weights N(0, 0.02) and biases 0; batch-norm scales N(1, 0.02) and shifts 0; drawn
/// from the run's generator so that a run is reproducible from its seed.</summary>
internal static class DcganInitialization
{
    public static void Apply(nn.Module network, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var module in network.modules())
        {
            var (weight, bias, mean) = module switch
            {
                Linear linear => (linear.weight, linear.bias, 0.0),
                Conv2d conv => (conv.weight, conv.bias, 0.0),
                ConvTranspose2d transposed => (transposed.weight, transposed.bias, 0.0),
                BatchNorm2d norm => (norm.weight, norm.bias, 1.0),
                _ => (null, null, 0.0),
            };
            weight?.normal_(mean, 0.02, generator);
            bias?.zero_();
        }
    }
}
