using Framework.Plugins.Rbm.Sampling;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Sampling;

/// <summary>The vectorised sampler must draw each state with its probability, from uniforms that are uniform and
/// uncorrelated, reproducibly from its seed.</summary>
public sealed class LaneBernoulliTests
{
    [Fact]
    public void EachStateIsOneWithItsProbability()
    {
        using var scope = NewDisposeScope();
        double[] levels = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
        const int PerLevel = 200_003;   // not a multiple of 8: the tail is drawn too
        var probabilities = tensor(levels.Select(p => (float)p).ToArray()).repeat_interleave(PerLevel).contiguous();
        var states = empty_like(probabilities);
        var sampler = new LaneBernoulli();
        sampler.Seed(42);

        sampler.Sample(probabilities, states);

        Assert.True(states.eq(0).logical_or(states.eq(1)).all().item<bool>());
        var frequencies = states.reshape(levels.Length, PerLevel).mean([1]).data<float>().ToArray();
        for (var i = 0; i < levels.Length; i++)
        {
            var sigma = Math.Sqrt(levels[i] * (1 - levels[i]) / PerLevel);
            Assert.True(Math.Abs(frequencies[i] - levels[i]) <= 5 * sigma + 1e-9,
                $"p = {levels[i]}: frequency {frequencies[i]:F5}, {Math.Abs(frequencies[i] - levels[i]) / Math.Max(sigma, 1e-12):F1} sigma away");
        }
    }

    [Fact]
    public void TheUniformsPassAChiSquareTestAndNeighboursAreUncorrelated()
    {
        using var scope = NewDisposeScope();
        const int Count = 1 << 20, Bins = 64;
        var uniforms = empty(Count);
        var sampler = new LaneBernoulli();
        sampler.Seed(7);

        sampler.Uniform(uniforms);

        Assert.True(uniforms.min().item<float>() >= 0 && uniforms.max().item<float>() < 1);
        var counts = (uniforms * Bins).floor_().to_type(ScalarType.Int64).bincount(null, Bins).to_type(ScalarType.Float64);
        var expected = (double)Count / Bins;
        var chiSquare = ((counts - expected).square() / expected).sum().item<double>();
        Assert.True(chiSquare < 120, $"chi-square {chiSquare:F1} with {Bins - 1} degrees of freedom (p < 1e-5 above 120)");
        foreach (var lag in new[] { 1, 8 })
        {
            var a = uniforms.narrow(0, 0, Count - lag) - 0.5;
            var b = uniforms.narrow(0, lag, Count - lag) - 0.5;
            var correlation = ((a * b).mean() / (a.square().mean().sqrt() * b.square().mean().sqrt())).item<float>();
            Assert.True(Math.Abs(correlation) < 5 / Math.Sqrt(Count), $"lag-{lag} correlation {correlation:F5}");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameStatesAndTheGeneratorsStateSeedsThem()
    {
        using var scope = NewDisposeScope();
        var probabilities = full(1000, 0.5f);
        Tensor Draw(Action<LaneBernoulli> seed)
        {
            var sampler = new LaneBernoulli();
            seed(sampler);
            var states = empty(1000);
            sampler.Sample(probabilities, states);
            return states;
        }

        Assert.True(Draw(s => s.Seed(3)).eq(Draw(s => s.Seed(3))).all().item<bool>());
        Assert.False(Draw(s => s.Seed(3)).eq(Draw(s => s.Seed(4))).all().item<bool>());
        Assert.True(Draw(s => s.Reseed(new Generator(11))).eq(Draw(s => s.Reseed(new Generator(11)))).all().item<bool>());
        Assert.False(Draw(s => s.Reseed(new Generator(11))).eq(Draw(s => s.Reseed(new Generator(12)))).all().item<bool>());
    }

    [Fact]
    public void TensorsItCannotWriteAreRefused()
    {
        using var scope = NewDisposeScope();
        var sampler = new LaneBernoulli();

        Assert.Throws<ArgumentException>(() => sampler.Sample(full(4, 0.5, dtype: ScalarType.Float64), empty(4, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => sampler.Sample(full(4, 4, 0.5f).t(), empty(4, 4)));
        Assert.Throws<ArgumentException>(() => sampler.Sample(full(4, 0.5f), empty(5)));
    }
}
