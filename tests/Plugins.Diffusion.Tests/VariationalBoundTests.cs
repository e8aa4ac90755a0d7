using Framework.Plugins.Diffusion.Evaluation;
using Framework.Plugins.Diffusion.Tests.Support;
using Framework.Testing;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The negative variational bound: its parts, its estimator, and the metrics the model reports.</summary>
public sealed class VariationalBoundTests
{
    [Fact]
    public void TheSampledTimestepEstimatorHasTheExactSumAsItsExpectation()
    {
        using var schedule = NoiseSchedule.Linear(6, 0.05, 0.4, ReverseVariance.Small, CPU);
        var bound = new VariationalBound(schedule, Some.NoisePredictor, clipX0: false, decoderBins: 256);
        using var generator = new Generator(9);
        using var scope = NewDisposeScope();
        var x0 = (randint(0, 256, [1, 3], generator: generator).to(float32) / 255 * 2 - 1).expand(4000, 3).clone();

        // Both are averages over 4,000 independent draws for one x_0: the exact sum (every t, fresh x_t each) and the
        // estimator (T - 1) L_t at one uniform t.
        var exact = bound.Compute(x0, timesteps: 0, generator).Diffusion;
        var sampled = bound.Compute(x0, timesteps: 1, generator).Diffusion;

        var difference = exact.mean().item<double>() - sampled.mean().item<double>();
        var standardError = Math.Sqrt((exact.var().item<double>() + sampled.var().item<double>()) / 4000);
        Assert.True(Math.Abs(difference) < 4 * standardError, $"exact - sampled = {difference:F4}, standard error {standardError:F4}");
        // The estimator is noisier than the exact sum: that is its price.
        Assert.True(sampled.var().item<double>() > exact.var().item<double>());
    }

    [Fact]
    public void TheExactSumAddsOneTermPerTimestepAfterTheFirst()
    {
        using var schedule = NoiseSchedule.Linear(5, 0.05, 0.4, ReverseVariance.Large, CPU);
        var bound = new VariationalBound(schedule, Some.NoisePredictor, clipX0: true, decoderBins: 256);
        using var scope = NewDisposeScope();
        var x0 = tensor(new[] { -1f, 0.2f, 1f }).unsqueeze(0);

        // Compute draws one noise per term in order t = 1..T-1 from its generator; replay the same draws by hand.
        using var generator = new Generator(42);
        var terms = bound.Compute(x0, timesteps: 0, generator);
        using var replay = new Generator(42);
        var byHand = Enumerable.Range(1, 4).Select(t => bound.Term(x0, full([1], t, dtype: int64), randn([1, 3], generator: replay)).item<double>()).Sum();

        Assert.Equal(byHand, terms.Diffusion.item<double>(), 9);
    }

    [Fact]
    public void ThePriorTermIsTheKlOfTheLastMarginalFromTheStandardNormal()
    {
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);
        var bound = new VariationalBound(schedule, Some.NoisePredictor, clipX0: true, decoderBins: 256);
        using var scope = NewDisposeScope();
        var x0 = tensor(new[] { -1f, 0.5f }).unsqueeze(0);

        var abar = schedule.AlphaBars[^1];
        double Kl(double x) => 0.5 * (abar * x * x + (1 - abar) - 1 - Math.Log(1 - abar));
        Assert.Equal(Kl(-1) + Kl(0.5), bound.Prior(x0).item<double>(), 8);
    }

    [Fact]
    public void WithTheExactNoisePredictionTheSumOverTimestepsIsItsClosedForm()
    {
        // Data N(m, s²): the exact eps makes the model's x_0 the posterior mean E[x_0 | x_t], so with equal variances
        // each term's expectation is ½ c0_t² Var(x_0 | x_t) / beta~_t, c0_t the posterior mean's x_0 coefficient and
        // Var(x_0 | x_t) = s² (1 - abar_t) / (abar_t s² + 1 - abar_t). (Their sum, 3.43 nats for s = 0.2, plus the
        // decoder's 1.77 puts the bound 0.5 nats above the data's entropy on the grid, 4.66 nats: the price of the fixed
        // reverse variance.)
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        const double M = 0.3, S = 0.2;
        var alphaBars = tensor(schedule.AlphaBars.Select(a => (float)a).ToArray());
        Tensor Exact(Tensor x, Tensor t)
        {
            var abar = alphaBars.index_select(0, t).view(-1, 1);
            return (1 - abar).sqrt() * (x - abar.sqrt() * M) / (abar * S * S + 1 - abar);
        }

        var bound = new VariationalBound(schedule, Exact, clipX0: false, decoderBins: 256);
        using var generator = new Generator(17);
        var x0 = randn([1000, 1], generator: generator) * S + M;

        var diffusion = bound.Compute(x0, timesteps: 0, generator).Diffusion;

        var expected = Enumerable.Range(1, 999).Sum(t =>
        {
            double abar = schedule.AlphaBars[t], beta = schedule.Betas[t];
            var c0 = beta * Math.Sqrt(schedule.AlphaBars[t - 1]) / (1 - abar);
            return 0.5 * c0 * c0 * (S * S * (1 - abar) / (abar * S * S + 1 - abar)) / schedule.PosteriorVariances[t];
        });
        var standardError = diffusion.std().item<double>() / Math.Sqrt(1000);
        Assert.Equal(3.43, expected, 2);
        Assert.True(Math.Abs(diffusion.mean().item<double>() - expected) < 4 * standardError,
            $"sum of terms {diffusion.mean().item<double>():F4}, closed form {expected:F4}, standard error {standardError:F4}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void TheBoundComesWithTheStandardErrorOfItsMeanOverExamples(int examples)
    {
        using var data = Some.Images();
        var options = Some.TinyMlp(timesteps: 30);
        options.VlbExamples = examples;
        var plugin = Support.PluginContainer.Diffusion;
        using var run = new TestRun(data, plugin.OptimizerGroups(options));
        using var model = run.CreateModel(plugin, options);
        run.Train(model, steps: 5);

        var metrics = run.Evaluate(model);

        // One example has no spread to estimate; several differ (other images, other timesteps and noise).
        var stderr = metrics["test/neg_elbo_stderr"];
        if (examples == 1)
            Assert.Equal(0.0, stderr);
        else
            Assert.InRange(stderr, 1e-6, metrics["test/neg_elbo"]);
    }

    [Fact]
    public void TheReportedPartsSumToTheReportedBound()
    {
        using var data = Some.Images();
        var options = Some.TinyMlp(timesteps: 30);
        var plugin = Support.PluginContainer.Diffusion;
        using var run = new TestRun(data, plugin.OptimizerGroups(options));
        using var model = run.CreateModel(plugin, options);
        run.Train(model, steps: 5);

        var metrics = run.Evaluate(model);

        Assert.Equal(metrics["test/neg_elbo"], metrics["test/vlb_prior"] + metrics["test/vlb_diffusion"] + metrics["test/vlb_decoder"], 9);
        Assert.Equal(metrics["test/neg_elbo"] / (64 * Math.Log(2)), metrics["test/bits_per_dim"], 9);
        Assert.True(metrics["test/vlb_decoder"] > 0);
        Assert.Equal("estimated: 2 of 29 terms per example", run.Tags["diffusion.vlb_timesteps"]);
        Assert.Equal("discretised gaussian, 256 bins on [-1, 1]", run.Tags["diffusion.decoder"]);
    }
}
