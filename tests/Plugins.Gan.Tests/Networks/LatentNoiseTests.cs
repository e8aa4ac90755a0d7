using Framework.Plugins.Gan.Networks;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Networks;

public sealed class LatentNoiseTests
{
    [Fact]
    public void TheCodeIsOneHotAndUniformAfterTheGaussianPart()
    {
        using var scope = NewDisposeScope();
        var latent = new LatentNoise(Gaussian: 4, Categories: 3);

        var noise = latent.Draw(3000, CPU, new Generator(7));

        Assert.Equal([3000L, 7], noise.shape);
        Assert.Equal(ScalarType.Float32, noise.dtype);
        var code = noise.narrow(1, 4, 3);
        Assert.True(code.sum([1]).eq(1).all().item<bool>());
        Assert.True((code.eq(0) | code.eq(1)).all().item<bool>());
        // Each value about a third of the time: 1000 ± 3 standard deviations (25.8).
        foreach (var count in code.sum([0]).to(float64).data<double>().ToArray())
            Assert.InRange(count, 920, 1080);
        var z = noise.narrow(1, 0, 4);
        Assert.InRange(z.mean().item<float>(), -0.05f, 0.05f);
        Assert.InRange(z.std().item<float>(), 0.95f, 1.05f);
    }

    [Fact]
    public void WithoutCategoriesTheNoiseIsTheGaussianAlone()
    {
        using var scope = NewDisposeScope();

        var noise = new LatentNoise(Gaussian: 5, Categories: 0).Draw(10, CPU, new Generator(3));

        Assert.Equal(0f, (noise - randn([10, 5], generator: new Generator(3))).abs().max().item<float>());
    }
}
