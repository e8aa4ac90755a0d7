using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The forward process and its closed forms (Ho et al. 2020, Eqs. 4, 6, 7; Nichol and Dhariwal 2021, Eq. 17).</summary>
public sealed class NoiseScheduleTests
{
    [Fact]
    public void TheLinearScheduleRunsFromBetaStartToBetaEndInEqualSteps()
    {
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);

        Assert.Equal(1e-4, schedule.Betas[0], 15);
        Assert.Equal(1e-4 + 0.0199 / 999, schedule.Betas[1], 15);
        Assert.Equal(0.02, schedule.Betas[999], 15);
        Assert.Equal(0.9999, schedule.AlphaBars[0], 15);
        Assert.Equal(0.9999 * (1 - 1e-4 - 0.0199 / 999), schedule.AlphaBars[1], 15);
        // Ho et al.'s schedule leaves almost no signal at T: alpha_bar_T = 4.04e-5 (computed by hand in float64).
        Assert.Equal(4.0358e-5, schedule.AlphaBars[999], 8);
    }

    [Fact]
    public void TheCosineScheduleFollowsItsSquaredCosineAndClipsTheLastBeta()
    {
        using var schedule = NoiseSchedule.Cosine(1000, 0.008, ReverseVariance.Small, CPU);

        // f(t) = cos²((t/T + s)/(1 + s) pi/2): alpha_bar after step t (0-based) is f(t + 1)/f(0).
        static double F(double t) => Math.Pow(Math.Cos((t / 1000 + 0.008) / 1.008 * Math.PI / 2), 2);
        Assert.Equal(1 - F(1) / F(0), schedule.Betas[0], 12);
        Assert.Equal(4.1284e-5, schedule.Betas[0], 8);          // hand value of 1 - f(1)/f(0)
        Assert.Equal(F(500) / F(0), schedule.AlphaBars[499], 9);
        Assert.Equal(0.4938, schedule.AlphaBars[499], 4);       // hand value: half-way, about half the signal is left
        Assert.Equal(0.999, schedule.Betas[999], 15);           // 1 - f(1000)/f(999) = 1 is clipped
    }

    [Fact]
    public void IteratingTheOneStepForwardProcessGivesTheClosedFormMarginal()
    {
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);
        using var generator = new Generator(7);
        using var scope = NewDisposeScope();
        var x0 = tensor(new[] { -1f, -0.3f, 0.5f, 1f });
        const int Samples = 10_000;
        var x = x0.expand(Samples, 4).clone();
        var checkedAt = new[] { 10, 300, 999 };
        for (var t = 0; t <= checkedAt[^1]; t++)
        {
            using var step = NewDisposeScope();
            x = schedule.Step(x, t, randn([Samples, 4], generator: generator)).MoveToOuterDisposeScope();
            if (!checkedAt.Contains(t))
                continue;
            var closedForm = schedule.Diffuse(x0.expand(Samples, 4), full([Samples], t, dtype: int64), randn([Samples, 4], generator: generator));
            var mean = Math.Sqrt(schedule.AlphaBars[t]) * x0;
            var variance = 1 - schedule.AlphaBars[t];
            // Standard errors: sqrt(var / n) for the mean, var sqrt(2 / n) for the variance; five of them.
            var meanTolerance = 5 * Math.Sqrt(variance / Samples);
            var varianceTolerance = 5 * variance * Math.Sqrt(2.0 / Samples);
            foreach (var sample in new[] { x, closedForm })
            {
                Assert.True((sample.mean([0]) - mean).abs().max().item<float>() < meanTolerance, $"mean at t = {t}");
                Assert.True((sample.var(0) - variance).abs().max().item<float>() < varianceTolerance, $"variance at t = {t}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(900)]
    public void ThePosteriorIsTheProductOfTheForwardStepAndTheMarginal(int t)
    {
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        var x0 = tensor(new[] { -0.7, 0.2, 0.9 }, dtype: float32).unsqueeze(0);
        var xt = tensor(new[] { 0.4, -1.3, 0.05 }, dtype: float32).unsqueeze(0);

        // q(x_{t-1} | x_t, x_0) ∝ N(x_t; sqrt(alpha_t) x_{t-1}, beta_t) N(x_{t-1}; sqrt(abar_{t-1}) x_0, 1 - abar_{t-1}):
        // precisions add, and the mean is the precision-weighted mean.
        double beta = schedule.Betas[t], alpha = 1 - beta, previous = schedule.AlphaBars[t - 1];
        var precision = alpha / beta + 1 / (1 - previous);
        var expectedMean = (Math.Sqrt(alpha) / beta * xt + Math.Sqrt(previous) / (1 - previous) * x0) / precision;

        var mean = schedule.PosteriorMean(x0, xt, full([1], t, dtype: int64));
        Assert.True((mean - expectedMean).abs().max().item<float>() < 1e-5);
        Assert.Equal(1 / precision, schedule.PosteriorVariances[t], 12);
        Assert.Equal(Math.Log(1 / precision), schedule.PosteriorLogVariance(full([1], t, dtype: int64), x0).item<float>(), 4);
    }

    [Fact]
    public void PredictingX0FromTheTrueNoiseRecoversX0()
    {
        using var schedule = NoiseSchedule.Cosine(100, 0.008, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        var x0 = rand([5, 3]) * 2 - 1;
        var noise = randn([5, 3]);
        var t = tensor(new long[] { 0, 10, 50, 90, 99 });

        var recovered = schedule.PredictX0(schedule.Diffuse(x0, t, noise), t, noise);

        Assert.True((recovered - x0).abs().max().item<float>() < 2e-3);
    }

    [Fact]
    public void TheNoiseImpliedByTheTrueX0IsTheNoiseThatWasAdded()
    {
        using var schedule = NoiseSchedule.Linear(100, 1e-4, 0.02, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        var x0 = rand([5, 3]) * 2 - 1;
        var noise = randn([5, 3]);
        var t = tensor(new long[] { 0, 10, 50, 90, 99 });

        var recovered = schedule.NoiseFrom(schedule.Diffuse(x0, t, noise), t, x0);

        Assert.True((recovered - noise).abs().max().item<float>() < 1e-3);
    }

    [Fact]
    public void TheNoiseImpliedByTheTrueVelocityIsTheNoiseThatWasAdded()
    {
        using var schedule = NoiseSchedule.Cosine(100, 0.008, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        var x0 = rand([5, 3]) * 2 - 1;
        var noise = randn([5, 3]);
        var t = tensor(new long[] { 0, 10, 50, 90, 99 });
        var xt = schedule.Diffuse(x0, t, noise);
        var v = schedule.Velocity(x0, t, noise);

        Assert.True((schedule.NoiseFromVelocity(xt, t, v) - noise).abs().max().item<float>() < 1e-5);
        // |v|² averages |eps|² and |x_0|² with weights abar and 1 - abar: at t = 0 v is nearly eps, at T nearly -x_0.
        Assert.True((v[0] - noise[0]).abs().max().item<float>() < 0.05);
        Assert.True((v[4] + x0[4]).abs().max().item<float>() < 0.05);
    }
}
