using Framework.Contracts.Data;
using Framework.Plugins.Ising;
using Framework.Plugins.Rbm.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Scenarios;

public sealed class PhysicsTrainingTests
{
    /// <summary>A short PCD run on 4x4 Ising data at T = 3: the samples' energy and magnetisation must approach the
    /// Monte Carlo values (an untrained machine gives e ≈ 0 and |m| ≈ 0.3). The tight 1-3% agreement of the
    /// experiment needs far longer training than a unit test; see experiments/rbm-ising.yaml.</summary>
    [Fact]
    public void AnRbmTrainedOnIsingConfigurationsReproducesTheirEnergyAndMagnetisationRoughly()
    {
        using var sink = new FolderArtifactSink();
        var isingOptions = new IsingOptions { Size = 4, Temperature = 3.0, TrainSamples = 2000, TestSamples = 4000, ThermalizationSweeps = 200 };
        using var data = new IsingPlugin().Load(isingOptions, new DatasetContext(5));
        var context = new RunContext(data, batchSize: 20, epochs: 40, RunContext.ReferenceSgd(0.1, 0.9, 0), seed: 5, sink,
            RunContext.Hinton(shape: Framework.Training.Options.ScheduleName.Linear));
        var options = new RbmOptions
        {
            Hidden = 16, Method = TrainingMethod.Cd, GibbsSteps = 5,
            SampleBurnIn = 500, SampleThinning = 5, SampleChains = 200,
        };
        using var model = new RbmModel(options, context);

        TrainingLoop.Run(model, context);
        using var scope = NewDisposeScope();
        var samples = model.Sample(4000, context);
        var fromData = data.Observables!.Compute(data.TestX);
        var fromModel = data.Observables.Compute(samples);

        Assert.Equal([4000L, 4, 4], samples.shape);
        Assert.True(samples.abs().eq(1).all().item<bool>(), "samples must be spins ±1 in the data's value range");
        AssertWithin(fromData, fromModel, "energy_per_spin", 0.15);
        AssertWithin(fromData, fromModel, "abs_magnetization", 0.15);
    }

    /// <summary>Gaussian visible units on two well separated clusters: training must raise the exact log-likelihood
    /// far above that of the initial machine, and chains started at the data must keep its mean and spread (Gibbs
    /// chains from noise rarely cross between the clusters, so they would test mixing, not the model).</summary>
    [Fact]
    public void AGaussianBernoulliRbmLearnsTwoClustersOfRealValuedData()
    {
        using var sink = new FolderArtifactSink();
        var generator = new Generator(3);
        using var data = TwoClusters(generator);
        var context = new RunContext(data, batchSize: 50, epochs: 40, RunContext.ReferenceSgd(0.01, 0.9, 0), seed: 3, sink);
        var options = new RbmOptions
        {
            Hidden = 8, Visible = VisibleUnits.Gaussian, Sigma = 0.5, LearnSigma = true, Method = TrainingMethod.Pcd, GibbsSteps = 5,
            SampleBurnIn = 50, SampleStart = SampleStart.Data, LogLikelihoodEveryEvaluation = true,
        };
        using var model = new RbmModel(options, context);
        var before = model.Evaluate(context)["test/loglik"];

        TrainingLoop.Run(model, context);
        var after = model.Evaluate(context);
        using var scope = NewDisposeScope();
        var samples = model.Sample(2000, context);

        Assert.True(after["test/loglik"] > before + 1.0, $"test/loglik went from {before:F3} to {after["test/loglik"]:F3} nats");
        Assert.True(after.ContainsKey("log_z/exact"));
        var gap = (samples.mean([0]) - data.TestX.mean([0])).abs().max().item<float>();
        Assert.True(gap < 0.25, $"sample means differ from the data's by up to {gap:F3}");
        var spread = samples.std([0]).mean().item<float>() / data.TestX.std([0]).mean().item<float>();
        Assert.InRange(spread, 0.8, 1.25);
    }

    private static Dataset TwoClusters(Generator generator)
    {
        Tensor Draw(int n)
        {
            var side = BernoulliSample(n, generator).unsqueeze(1) * 2 - 1;
            return randn([n, 4], generator: generator) * 0.3 + side * tensor(new float[] { 1.5f, -1f, 0.5f, 2f });
        }
        return new Dataset(Draw(2000), Draw(1000), new ValueRange(-5, 5));
    }

    private static Tensor BernoulliSample(int n, Generator generator) => rand([n], generator: generator).lt(0.5).to_type(ScalarType.Float32);

    private static void AssertWithin(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual, string name, double relative)
    {
        var difference = actual[name] / expected[name] - 1;
        Assert.True(Math.Abs(difference) < relative, $"{name}: samples {actual[name]:F4}, data {expected[name]:F4} ({difference:P1})");
    }
}
