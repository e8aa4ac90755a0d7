using Framework.Plugins.Vae.Objective;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Objective;

public sealed class GaussianKlTests
{
    [Fact]
    public void TheClosedFormEqualsAMonteCarloEstimateOfLogQMinusLogP()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var mean = tensor(new[] { 0.0f, 1.5f, -0.7f, 0.2f, 2.0f });
        var logVariance = tensor(new[] { 0.0f, -1.0f, 0.8f, -3.0f, 0.3f });
        const int draws = 400_000;

        var sigma = logVariance.mul(0.5).exp();
        var eps = randn([draws, 5], generator: generator, dtype: float64);
        var z = eps * sigma.to(float64) + mean.to(float64);
        // log q(z|x) - log p(z), per dimension; the 0.5 log 2π terms cancel.
        var logRatio = eps.square().mul(-0.5) - logVariance.to(float64).mul(0.5) + z.square().mul(0.5);
        var estimate = logRatio.mean([0]).data<double>().ToArray();
        var standardError = logRatio.std([0]).div(Math.Sqrt(draws)).data<double>().ToArray();
        var closedForm = GaussianKl.PerDimension(mean.unsqueeze(0), logVariance.unsqueeze(0)).squeeze(0).to(float64).data<double>().ToArray();

        for (var d = 0; d < 5; d++)
            Assert.True(Math.Abs(closedForm[d] - estimate[d]) < 4 * standardError[d] + 1e-6,
                $"dimension {d}: closed form {closedForm[d]:F5}, Monte Carlo {estimate[d]:F5} ± {standardError[d]:F5}");
        Assert.Equal(closedForm.Sum(), GaussianKl.Sum(mean.unsqueeze(0), logVariance.unsqueeze(0)).item<float>(), 4);
    }

    [Fact]
    public void TheKlIsZeroAtThePriorAndPositiveElsewhere()
    {
        using var scope = NewDisposeScope();
        var atPrior = GaussianKl.PerDimension(zeros(3, 4), zeros(3, 4));
        var away = GaussianKl.PerDimension(full(3, 4, 0.1f), full(3, 4, -0.1f));

        Assert.Equal(0f, atPrior.abs().max().item<float>());
        Assert.True(away.min().item<float>() > 0);
    }
}
