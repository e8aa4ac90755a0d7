using Framework.Contracts.Data;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests;

/// <summary>The Bernoulli decoder on Ising spins ±1: the same model as on the {0, 1} coding of the same lattices.</summary>
public sealed class SpinDataTests
{
    [Fact]
    public void OnSpinsTheBernoulliVaeTrainsExactlyAsOnTheirZeroOneCodingAndSamplesSpins()
    {
        using var bits = Lattices(out var spins);
        using var spinData = spins;
        var options = new VaeOptions { Architecture = VaeArchitecture.Mlp, Hidden = [32], LatentDim = 4, IwaeSamples = 0, LogImages = false, SampleMode = SampleMode.Draw };
        using var onBits = new VaeRun(bits, options, batchSize: 50, seed: 3);
        using var onSpins = new VaeRun(spinData, options, batchSize: 50, seed: 3);

        var bitLosses = onBits.Train(epochs: 2);
        var spinLosses = onSpins.Train(epochs: 2);
        var bitMetrics = onBits.Evaluate();
        var spinMetrics = onSpins.Evaluate();
        using var scope = NewDisposeScope();
        var samples = onSpins.Model.Sample(200, onSpins.Step);

        Assert.Equal(bitLosses, spinLosses);
        Assert.Equal(bitMetrics["test/neg_elbo"], spinMetrics["test/neg_elbo"]);
        Assert.Equal([200L, 6, 6], samples.shape);
        Assert.True(samples.abs().eq(1).all().item<bool>(), "samples are not spins ±1");
        Assert.True(samples.eq(-1).any().item<bool>() && samples.eq(1).any().item<bool>());
    }

    [Fact]
    public void AGaussianDecoderIsStillNeededForDataThatIsNeitherBinaryNorInTheUnitRange()
    {
        using var scope = NewDisposeScope();
        using var data = new Dataset(randn(20, 6), randn(10, 6), new ValueRange(-5, 5)) { Layout = SampleLayout.Vector };

        var error = Assert.ThrowsAny<Exception>(() => new VaeRun(data, new VaeOptions { Architecture = VaeArchitecture.Mlp, IwaeSamples = 0 }));

        Assert.Contains("two-valued data", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Striped 6×6 lattices with random flips: as bits in {0, 1}, and as spins 2b − 1 (binary, range ±1).</summary>
    private static Dataset Lattices(out Dataset spins)
    {
        using var generator = new Generator(9);
        var train = rand([300, 6, 6], generator: generator).lt(0.2).to(float32);
        var test = rand([100, 6, 6], generator: generator).lt(0.2).to(float32);
        spins = new Dataset(train * 2 - 1, test * 2 - 1, ValueRange.Spin) { IsBinary = true, Layout = SampleLayout.Lattice };
        return new Dataset(train, test, ValueRange.Unit) { IsBinary = true, Layout = SampleLayout.Lattice };
    }
}
