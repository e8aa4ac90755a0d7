using Framework.Plugins.Diffusion.Evaluation;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The decoder at t = 0 is a distribution over the K grid values.</summary>
public sealed class DiscretizedGaussianTests
{
    [Theory]
    [InlineData(256, 0.0, -3.0)]
    [InlineData(256, 0.93, -1.0)]
    [InlineData(256, -1.2, -6.0)]
    [InlineData(2, 0.1, -2.0)]
    [InlineData(2, -0.8, 0.5)]
    [InlineData(16, 0.4, -2.5)]
    public void TheProbabilitiesOfTheBinsSumToOne(int bins, double mean, double logScale)
    {
        using var scope = NewDisposeScope();
        var grid = linspace(-1, 1, bins, dtype: float64);

        var probabilities = DiscretizedGaussian.LogLikelihood(grid, full([bins], mean, dtype: float64), full([bins], logScale, dtype: float64), bins).exp();

        Assert.Equal(1.0, probabilities.sum().item<double>(), 9);
        Assert.True(probabilities.min().item<double>() >= 0);
    }

    [Fact]
    public void TwoBinsAreABernoulliOnTheSign()
    {
        using var scope = NewDisposeScope();
        const double Mean = 0.25, LogScale = -0.7;
        var spins = tensor(new[] { -1.0, 1.0 });

        var logP = DiscretizedGaussian.LogLikelihood(spins, full([2], Mean, dtype: float64), full([2], LogScale, dtype: float64), 2);

        var up = 0.5 * (1 + Erf(Mean / Math.Exp(LogScale) / Math.Sqrt(2)));   // Phi(mu / sigma)
        Assert.Equal(Math.Log(1 - up), logP[0].item<double>(), 9);
        Assert.Equal(Math.Log(up), logP[1].item<double>(), 9);
    }

    [Fact]
    public void ANarrowDecoderCentredOnAPixelGivesItNearlyAllTheMass()
    {
        using var scope = NewDisposeScope();
        var pixel = tensor(new[] { -1 + 2 * 100 / 255.0 });

        var logP = DiscretizedGaussian.LogLikelihood(pixel, pixel, full([1], Math.Log(1e-4), dtype: float64), 256);

        Assert.True(logP.item<double>() > -1e-6);
    }

    /// <summary>erf by Abramowitz and Stegun 7.1.26 would be too coarse; this is the series, exact to 1e-15 for |x| &lt; 3.</summary>
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
