using Framework.Plugins.Vae.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Networks;

public sealed class InitializationTests
{
    [Fact]
    public void EveryLayerIsDrawnFromTheGivenGeneratorWithinPyTorchsBounds()
    {
        using var first = Build(seed: 5);
        using var second = Build(seed: 5);
        using var other = Build(seed: 6);
        using var scope = NewDisposeScope();

        var layers = first.modules().Where(m => m is Linear or Conv2d or ConvTranspose2d).ToList();
        Assert.Equal(9, layers.Count); // encoder: 2 convolutions, dense, head; decoder: dense, feature map, 2 + 1 transposed convolutions
        foreach (var (name, parameter) in first.named_parameters())
        {
            var twin = second.named_parameters().Single(p => p.name == name).parameter;
            Assert.True(parameter.equal(twin).all().item<bool>(), $"{name} differs between two networks built from the same seed");
            var stranger = other.named_parameters().Single(p => p.name == name).parameter;
            Assert.False(parameter.equal(stranger).all().item<bool>(), $"{name} does not depend on the seed");
        }

        var firstConvolution = first.named_parameters().Single(p => p.name == "encoder.conv0.weight").parameter;
        var bound = 1 / Math.Sqrt(1 * 3 * 3);
        Assert.True(firstConvolution.abs().max().item<float>() <= bound);
        Assert.True(firstConvolution.abs().max().item<float>() > 0.8 * bound);
    }

    private static VaeNetwork Build(long seed)
    {
        using var generator = new Generator((ulong)seed);
        var network = VaeNetworkFactory.Create(new VaeOptions { Architecture = VaeArchitecture.Conv }, [1, 28, 28], CPU);
        Initialization.PyTorchDefault(network, generator);
        return network;
    }
}
