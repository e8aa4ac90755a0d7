using Framework.Plugins.Diffusion.Networks;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The noise-prediction networks.</summary>
public sealed class NetworkTests
{
    [Fact]
    public void TheReferenceUNetHasTheReferencesParameterCountAndTheImagesShape()
    {
        var options = new DiffusionOptions { Architecture = DiffusionArchitecture.Unet };   // 16 channels, (1, 2, 2), attention
        var (network, shape) = NoiseNetworks.Create(options, [1, 28, 28]);
        using var module = network;
        using var scope = NewDisposeScope();

        var output = network.forward(randn([3, 1, 28, 28]), tensor(new long[] { 0, 500, 999 }));

        Assert.Equal(199_729, network.parameters().Sum(p => p.numel()));   // shared/bench/ddpm.py prints 199,729
        Assert.Equal([1L, 28, 28], shape);
        Assert.Equal([3L, 1, 28, 28], output.shape);
    }

    [Fact]
    public void TheUNetTakesSquareLatticesWithoutAChannelAndWorksWithoutAttention()
    {
        var options = new DiffusionOptions { Architecture = DiffusionArchitecture.Unet, Channels = 8, ChannelMultipliers = [1, 2], Groups = 4, Attention = false };
        var (network, shape) = NoiseNetworks.Create(options, [8, 8]);
        using var module = network;
        using var scope = NewDisposeScope();

        var output = network.forward(randn([2, 1, 8, 8]), tensor(new long[] { 3, 7 }));

        Assert.Equal([1L, 8, 8], shape);
        Assert.Equal([2L, 1, 8, 8], output.shape);
    }

    [Theory]
    [InlineData(ConvolutionPadding.Circular, true)]
    [InlineData(ConvolutionPadding.Zeros, false)]
    public void WithCircularPaddingTheUNetCommutesWithPeriodicTranslations(ConvolutionPadding padding, bool commutes)
    {
        // On a periodic lattice a shifted configuration is as likely as the original, so the noise predicted for the
        // shifted input should be the shifted prediction. Shifts by 2 commute with the one stride-2 downsampling.
        var options = new DiffusionOptions
        {
            Architecture = DiffusionArchitecture.Unet, Channels = 8, ChannelMultipliers = [1, 2], Groups = 4, Attention = false, Padding = padding,
        };
        var (network, _) = NoiseNetworks.Create(options, [8, 8]);
        using var module = network;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var parameter in network.parameters())
            parameter.uniform_(-0.5, 0.5);   // the zero-initialised output layers would make any network commute

        var x = randn([3, 1, 8, 8]);
        var t = tensor(new long[] { 5, 300, 900 });
        var shiftedOutput = network.forward(x.roll([2, 4], [2, 3]), t);
        var outputShifted = network.forward(x, t).roll([2, 4], [2, 3]);

        Assert.Equal(commutes, shiftedOutput.allclose(outputShifted, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void TheMlpPredictsNoiseOfTheFlatExamplesShape()
    {
        var (network, shape) = NoiseNetworks.Create(new DiffusionOptions { Hidden = [32, 16], TimeEmbedding = 8 }, [8, 8]);
        using var module = network;
        using var scope = NewDisposeScope();

        var output = network.forward(randn([5, 64]), tensor(new long[] { 0, 1, 2, 3, 4 }));

        Assert.Equal([64L], shape);
        Assert.Equal([5L, 64], output.shape);
    }

    [Fact]
    public void ShapesTheUNetCannotTakeAreRefusedWithTheReason()
    {
        var unet = new DiffusionOptions { Architecture = DiffusionArchitecture.Unet };

        Assert.Contains("images [channels, height, width]", Assert.Throws<ArgumentException>(() => NoiseNetworks.Create(unet, [784])).Message);
        Assert.Contains("must divide by 4", Assert.Throws<ArgumentException>(() => NoiseNetworks.Create(unet, [1, 30, 30])).Message);
        Assert.Contains("model.groups (6)", Assert.Throws<ArgumentException>(() =>
            NoiseNetworks.Create(new DiffusionOptions { Architecture = DiffusionArchitecture.Unet, Groups = 6 }, [1, 28, 28])).Message);
    }

    [Fact]
    public void TheTimeEmbeddingIsHoEtAlsSinusoid()
    {
        using var scope = NewDisposeScope();

        var embedding = TimestepEmbedding.Sinusoidal(tensor(new long[] { 0, 7 }), 8);

        // f_i = exp(-i ln(10000) / 3): 1, 10000^(-1/3), 10000^(-2/3), 1e-4.
        var frequencies = new[] { 1.0, Math.Pow(10_000, -1.0 / 3), Math.Pow(10_000, -2.0 / 3), 1e-4 };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0.0, embedding[0, i].item<float>(), 6);
            Assert.Equal(1.0, embedding[0, i + 4].item<float>(), 6);
            Assert.Equal(Math.Sin(7 * frequencies[i]), embedding[1, i].item<float>(), 5);
            Assert.Equal(Math.Cos(7 * frequencies[i]), embedding[1, i + 4].item<float>(), 5);
        }
    }
}
