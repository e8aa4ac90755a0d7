using Framework.Plugins.Gan.Networks;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Networks;

/// <summary>The DCGAN is the reference's (shared/bench/gan.py): its shapes and, counted there, its parameters.</summary>
public sealed class DcganTests
{
    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Fact]
    public void TheGeneratorMapsNoiseTo28By28ImagesInTanhRange()
    {
        using var networks = Create(GanLoss.Bce);
        networks.Generator.eval();

        using var images = networks.Generator.forward(randn(5, 64));

        Assert.Equal([5L, 1, 28, 28], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1);
        Assert.Equal([1L, 28, 28], networks.Shape);
    }

    [Fact]
    public void TheParameterCountsAreTheReferences()
    {
        // /usr/bin/python3: sum(p.numel() for p in Generator(64).parameters()) and the same for Discriminator(bn=True/False).
        using var bce = Create(GanLoss.Bce);
        using var wgan = Create(GanLoss.WganGp);

        Assert.Equal(533_889, Count(bce.Generator));
        Assert.Equal(138_689, Count(bce.Discriminator));
        Assert.Equal(138_561, Count(wgan.Discriminator));  // no batch norm; the second convolution has a bias
    }

    [Fact]
    public void TheDiscriminatorGivesOneLogitPerImage()
    {
        using var networks = Create(GanLoss.Bce);

        using var logits = networks.Discriminator.forward(rand(7, 1, 28, 28));

        Assert.Equal([7L], logits.shape);
    }

    [Fact]
    public void TheInitialisationIsDcgans()
    {
        using var networks = Create(GanLoss.Bce);
        using var generator = new Generator(3);

        DcganInitialization.Apply(networks.Generator, generator);

        var weights = networks.Generator.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var fc = weights.Single(p => p.Key.StartsWith("fc", StringComparison.Ordinal)).Value;
        Assert.Equal(0.0, fc.mean().item<float>(), 3);
        Assert.Equal(0.02, fc.std().item<float>(), 3);
        var scale = weights["bn0.weight"];
        Assert.Equal(1.0, scale.mean().item<float>(), 1);
        Assert.InRange(scale.std().item<float>(), 0.01, 0.03);
        Assert.Equal(0.0, weights["bn0.bias"].abs().sum().item<float>());
        Assert.Equal(0.0, weights["up2.bias"].abs().sum().item<float>());
    }

    [Fact]
    public void RecalibrationSetsTheBatchStatisticsOfEachNormalisedLayer()
    {
        using var networks = Create(GanLoss.Bce);
        var generator = networks.Generator;
        using var z = randn(256, 64);

        generator.Recalibrate(z);

        // The first batch norm sees Linear(z) as 128 x 7 x 7 maps: its statistics are their mean and unbiased variance.
        var fc = generator.named_children().Single(c => c.name == "fc").module as nn.Module<Tensor, Tensor>;
        using var maps = fc!.forward(z).view(-1, 128, 7, 7);
        var buffers = generator.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        Assert.True(buffers["bn0.running_mean"].allclose(maps.mean([0, 2, 3]), rtol: 1e-4, atol: 1e-6));
        Assert.True(buffers["bn0.running_var"].allclose(maps.var([0, 2, 3], unbiased: true), rtol: 1e-4, atol: 1e-6));
        // The second layer's statistics are of the first layer's output normalised with them: in eval mode the
        // normalised maps of that batch then have mean 0 and variance 1 per channel.
        Assert.NotEqual(0.0, buffers["bn1.running_mean"].abs().sum().item<float>());
    }

    [Fact]
    public void InEvalModeARecalibratedGeneratorMapsItsRecalibrationBatchAsBatchStatisticsWould()
    {
        using var networks = Create(GanLoss.Bce);
        var generator = networks.Generator;
        using var z = randn(512, 64);

        generator.Recalibrate(z);
        generator.eval();
        using var evaluated = generator.forward(z);
        generator.train();
        using var batch = generator.forward(z);

        // Equal up to the unbiased (running) against the biased (batch) variance: a factor sqrt(n / (n - 1)), n = 512 x 49.
        Assert.True(evaluated.allclose(batch, rtol: 1e-3, atol: 1e-4));
    }

    private static GanNetworks Create(GanLoss loss) =>
        GanNetworks.Create(new GanOptions { Architecture = GanArchitecture.Dcgan, Loss = loss, LatentDim = 64 }, [1, 28, 28], CPU);
}
