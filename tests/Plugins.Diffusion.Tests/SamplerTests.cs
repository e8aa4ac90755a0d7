using Framework.Plugins.Diffusion.Sampling;
using Framework.Plugins.Diffusion.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The reverse chains: DDIM with eta = 1 on every timestep is the ancestral sampler, and both sample a known
/// distribution when the noise prediction is exact.</summary>
public sealed class SamplerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DdimWithEtaOneOnAllStepsHasTheAncestralTransitionAtEveryStep(bool clipX0)
    {
        using var schedule = NoiseSchedule.Linear(200, 1e-4, 0.02, ReverseVariance.Small, CPU);
        var ancestral = new AncestralSampler(schedule, clipX0);
        var ddim = new DdimSampler(schedule, steps: 200, eta: 1.0, clipX0);
        using var generator = new Generator(11);
        using var scope = NewDisposeScope();
        var x = randn([64, 5], generator: generator) * 1.5;

        Assert.Equal(ancestral.Timesteps, ddim.Timesteps);
        for (var index = 0; index < ancestral.Timesteps.Count; index++)
        {
            var t = full([64], ancestral.Timesteps[index], dtype: int64);
            var noise = Some.NoisePredictor(x, t);
            var (ancestralMean, ancestralDeviation) = ancestral.Transition(x, index, noise);
            var (ddimMean, ddimDeviation) = ddim.Transition(x, index, noise);

            Assert.True((ancestralMean - ddimMean).abs().max().item<float>() < 1e-5, $"means differ at step {index}");
            Assert.Equal(ancestralDeviation is null, ddimDeviation is null);
            if (ancestralDeviation is not null)
                Assert.True((ancestralDeviation - ddimDeviation!).abs().max().item<float>() < 1e-6, $"deviations differ at step {index}");
        }
    }

    [Fact]
    public void DdimWithEtaOneOnAllStepsDrawsTheAncestralSamplesFromTheSameNoise()
    {
        using var schedule = NoiseSchedule.Linear(100, 1e-4, 0.02, ReverseVariance.Small, CPU);
        using var scope = NewDisposeScope();
        Tensor Run(ReverseSampler sampler)
        {
            using var generator = new Generator(5);
            return sampler.Run(randn([1000, 3], generator: generator), Some.NoisePredictor, generator);
        }

        var ancestral = Run(new AncestralSampler(schedule, clipX0: true));
        var ddim = Run(new DdimSampler(schedule, steps: 100, eta: 1.0, clipX0: true));

        Assert.True((ancestral - ddim).abs().max().item<float>() < 1e-3);
        Assert.True((ancestral.mean([0]) - ddim.mean([0])).abs().max().item<float>() < 1e-4);
        Assert.True((ancestral.std(0) - ddim.std(0)).abs().max().item<float>() < 1e-4);
    }

    [Fact]
    public void DdimVisitsTheTimestepsOfTheDdimCode()
    {
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, ReverseVariance.Small, CPU);

        var ddim = new DdimSampler(schedule, steps: 100, eta: 0, clipX0: false);

        Assert.Equal(100, ddim.Timesteps.Count);
        Assert.Equal(990, ddim.Timesteps[0]);
        Assert.Equal(980, ddim.Timesteps[1]);
        Assert.Equal(0, ddim.Timesteps[^1]);
        Assert.Throws<ArgumentException>(() => new DdimSampler(schedule, steps: 1001, eta: 0, clipX0: false));
    }

    [Theory]
    [InlineData(SamplerKind.Ancestral, ReverseVariance.Small)]
    [InlineData(SamplerKind.Ancestral, ReverseVariance.Large)]
    [InlineData(SamplerKind.Ddim, ReverseVariance.Small)]
    public void WithTheExactNoisePredictionTheChainSamplesGaussianData(SamplerKind kind, ReverseVariance variance)
    {
        // For data N(m, s²) the marginal q(x_t) is N(sqrt(abar) m, abar s² + 1 - abar), whose score gives the exact
        // eps(x_t, t) = sqrt(1 - abar) (x_t - sqrt(abar) m) / (abar s² + 1 - abar). Deterministic DDIM follows the
        // probability-flow ODE only in the limit of small steps: on all 1,000 its samples' deviation is 0.1985 (worked
        // out in closed form, the chain being linear in x_T), on 100 steps 0.1876.
        using var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02, variance, CPU);
        using var scope = NewDisposeScope();
        const double M = 0.3, S = 0.2;
        var alphaBars = tensor(schedule.AlphaBars.Select(a => (float)a).ToArray());
        Tensor Exact(Tensor x, Tensor t)
        {
            var abar = alphaBars.index_select(0, t).view(-1, 1);
            return (1 - abar).sqrt() * (x - abar.sqrt() * M) / (abar * S * S + 1 - abar);
        }

        ReverseSampler sampler = kind == SamplerKind.Ancestral
            ? new AncestralSampler(schedule, clipX0: false)
            : new DdimSampler(schedule, steps: 1000, eta: 0, clipX0: false);
        using var generator = new Generator(3);
        var samples = sampler.Run(randn([8_000, 1], generator: generator), Exact, generator);

        // Standard errors with 8,000 samples: 0.0022 for the mean, 0.0016 for the deviation.
        Assert.InRange(samples.mean().item<float>(), M - 0.01, M + 0.01);
        Assert.InRange(samples.std().item<float>(), S - 0.01, S + 0.01);
    }

    [Fact]
    public void TheChainKeepsNoStateTensorsOfItsSteps()
    {
        using var schedule = NoiseSchedule.Linear(300, 1e-4, 0.02, ReverseVariance.Small, CPU);
        var sampler = new AncestralSampler(schedule, clipX0: true);
        using var generator = new Generator(1);
        using var scope = NewDisposeScope();
        var start = randn([16, 4], generator: generator);
        var before = scope.DisposablesCount;

        sampler.Run(start, Some.NoisePredictor, generator);

        // The result is the only tensor the chain leaves in its caller's scope.
        Assert.Equal(before + 1, scope.DisposablesCount);
    }
}
