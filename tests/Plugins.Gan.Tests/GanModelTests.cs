using Framework.Contracts.Data;
using Framework.Plugins.Gan.Tests.Support;
using Framework.Testing;
using Framework.Training.Options;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests;

/// <summary>The model's step, samples, evaluation and pictures, run as the host runs them.</summary>
public sealed class GanModelTests
{
    /// <summary>A learning rate at which a few steps change what a small network draws.</summary>
    private static readonly Framework.Contracts.Training.OptimizerSettings FastAdam = new(LearningRate: 0.01, Beta1: 0.5, Beta2: 0.999);

    [Fact]
    public void SamplesOfSpinLatticesAreBinarisedToPlusOrMinusOne()
    {
        using var data = Gans.Spins();
        var (run, model) = Gans.Build(data, new GanOptions { Hidden = [32] });
        using (run)
        using (model)
        {
            run.Train(model, 3);
            using var samples = run.Sample(model, 50);

            Assert.Equal([50L, 4, 4], samples.shape);
            Assert.True(samples.abs().eq(1).all().item<bool>());
            Assert.True(samples.eq(1).any().item<bool>() || samples.eq(-1).any().item<bool>());
        }
    }

    [Fact]
    public void ImageSamplesAreContinuousAndInTheUnitInterval()
    {
        using var data = Gans.Images();
        var (run, model) = Gans.Build(data, new GanOptions { Architecture = GanArchitecture.Dcgan, LatentDim = 8 });
        using (run)
        using (model)
        {
            run.Train(model, 2);
            using var samples = run.Sample(model, 20);

            Assert.Equal([20L, 1, 8, 8], samples.shape);
            Assert.True(samples.min().item<float>() >= 0 && samples.max().item<float>() <= 1);
            Assert.True(samples.gt(0).logical_and(samples.lt(1)).any().item<bool>());
        }
    }

    [Fact]
    public void TheNetworksSeeTheDataInMinusOneToOneAndSamplesReturnToTheDataRange()
    {
        var images = new DataScale(ValueRange.Unit, Binary: false);
        var spins = new DataScale(ValueRange.Spin, Binary: true);
        using var x = tensor(new float[] { 0, 0.25f, 1 });
        using var t = tensor(new float[] { -1, -0.2f, 0, 0.3f, 1 });

        Assert.Equal([-1f, -0.5f, 1], images.ToNetwork(x).data<float>().ToArray());
        Assert.Equal([0f, 0.4f, 0.5f, 0.65f, 1], images.ToData(t).data<float>().ToArray());
        Assert.Equal([-1f, -1, 1, 1, 1], spins.ToData(t).data<float>().ToArray());
    }

    [Fact]
    public void EveryEvaluationDrawsTheGridOfTheSameFixedNoise()
    {
        // Spin lattices: the samples are ±1, so a grid changes visibly as soon as one spin of one sample flips.
        using var data = Gans.Spins();
        var sink = new ImageRecordingSink();
        var settings = new TestRunSettings { BatchSize = 16, Optimizer = FastAdam };
        var options = new GanOptions { Hidden = [32], LatentDim = 8, FixedNoiseCount = 16 };
        using var run = new TestRun(data, Gans.Plugin.OptimizerGroups(options), settings) { Artifacts = sink };
        using var model = run.CreateModel(Gans.Plugin, options);

        run.Evaluate(model, isFinal: false);
        var first = sink.Grids["fixed_noise/epoch_000.png"];
        run.Evaluate(model, isFinal: false);
        var again = sink.Grids["fixed_noise/epoch_000.png"];
        run.Train(model, (int)run.StepsPerEpoch);
        run.Evaluate(model, isFinal: false);

        // The same noise through the same generator, whatever evaluation drew meanwhile; as lattices of spins ±1.
        Assert.Equal(first.Values, again.Values);
        Assert.Equal([16L, 4, 4], first.Shape);
        Assert.Equal((-1.0, 1.0), (first.Min, first.Max));
        Assert.NotEqual(first.Values, sink.Grids["fixed_noise/epoch_001.png"].Values);
    }

    [Fact]
    public void TheFixedNoiseTravelsWithTheCheckpoint()
    {
        using var data = Gans.Spins();
        var options = new GanOptions { Hidden = [32], LatentDim = 8, FixedNoiseCount = 16 };
        float[] Grid(TestRun run, Framework.Contracts.Models.IModel model)
        {
            var sink = (ImageRecordingSink)run.Artifacts;
            run.Evaluate(model, isFinal: false);
            return sink.Grids.Single(f => f.Key.StartsWith("fixed_noise/", StringComparison.Ordinal)).Value.Values;
        }

        using var first = new TestRun(data, Gans.Plugin.OptimizerGroups(options), new TestRunSettings { BatchSize = 16, Seed = 1 }) { Artifacts = new ImageRecordingSink() };
        using var model = first.CreateModel(Gans.Plugin, options);
        first.Train(model, 2);
        var checkpoint = first.Checkpoint(model);
        var expected = Grid(first, model);

        // Another seed draws other noise and weights: everything must come from the checkpoint.
        using var second = new TestRun(data, Gans.Plugin.OptimizerGroups(options), new TestRunSettings { BatchSize = 16, Seed = 2 }) { Artifacts = new ImageRecordingSink() };
        using var restored = second.CreateModel(Gans.Plugin, options);
        var before = Grid(second, restored);
        second.Restore(restored, checkpoint);

        Assert.NotEqual(expected, before);
        Assert.Equal(expected, Grid(second, restored));
    }

    [Fact]
    public void WganGpUpdatesTheGeneratorAfterEveryFifthCriticStep()
    {
        using var data = TestData.Binary();
        var (run, model) = Gans.Build(data, new GanOptions { Loss = GanLoss.WganGp, Hidden = [16] });
        using (run)
        using (model)
        {
            var generator = Snapshot(model.Generator);
            var discriminator = Snapshot(model.Discriminator);

            var metrics = run.Train(model, 4);

            Assert.Equal(generator, Snapshot(model.Generator));
            Assert.NotEqual(discriminator, Snapshot(model.Discriminator));
            Assert.True(metrics["train/grad_penalty"] >= 0);
            run.Train(model, 1);
            Assert.NotEqual(generator, Snapshot(model.Generator));
        }
    }

    [Theory]
    [InlineData(GanLoss.Bce)]
    [InlineData(GanLoss.Hinge)]
    public void BceAndHingeUpdateBothNetworksOnEveryBatch(GanLoss loss)
    {
        using var data = TestData.Binary();
        var (run, model) = Gans.Build(data, new GanOptions { Loss = loss, Hidden = [16] });
        using (run)
        using (model)
        {
            var generator = Snapshot(model.Generator);
            var discriminator = Snapshot(model.Discriminator);

            var metrics = run.Train(model, 1);

            Assert.NotEqual(generator, Snapshot(model.Generator));
            Assert.NotEqual(discriminator, Snapshot(model.Discriminator));
            Assert.Equal(metrics["train/loss_d"] + metrics["train/loss_g"], metrics["train/loss"], 5);
            Assert.InRange(metrics["train/d_real"], loss == GanLoss.Bce ? 0 : double.MinValue, loss == GanLoss.Bce ? 1 : double.MaxValue);
            Assert.False(metrics.ContainsKey("train/grad_penalty"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithStraightThroughTheDiscriminatorSeesSpinsAndTheGeneratorStillLearns(bool straightThrough)
    {
        using var data = Gans.Spins();
        var (run, model) = Gans.Build(data, new GanOptions { Loss = GanLoss.Bce, Hidden = [16], StraightThrough = straightThrough });
        using (run)
        using (model)
        {
            using var z = model.Generator.Latent.Draw(200, CPU, new Generator(3));
            using var fakes = model.Fake(z);
            Assert.Equal(straightThrough, fakes.abs().eq(1).all().item<bool>());
            Assert.True(fakes.requires_grad);
            var generator = Snapshot(model.Generator);

            run.Train(model, 1);

            Assert.NotEqual(generator, Snapshot(model.Generator));
        }
    }

    [Fact]
    public void AnUntrainedGeneratorsSamplesLieFartherFromTheTestSetThanTrainingExamples()
    {
        using var data = Gans.Images();
        var (run, model) = Gans.Build(data, new GanOptions { Architecture = GanArchitecture.Dcgan, LatentDim = 8, EvalSamples = 50 });
        using (run)
        using (model)
        {
            var metrics = run.Evaluate(model);

            Assert.True(metrics["test/nn_distance"] > metrics["test/nn_distance_data"], $"{metrics["test/nn_distance"]} vs {metrics["test/nn_distance_data"]}");
            Assert.InRange(metrics["test/d_real"], 0, 1);
            Assert.InRange(metrics["test/d_fake"], 0, 1);
        }
    }

    [Fact]
    public void RecalibratedSamplingUnderEmaLeavesTrainingsRunningStatisticsAsTheyWere()
    {
        using var data = Gans.Images();
        var settings = new TestRunSettings { BatchSize = 16, Optimizer = Gans.ReferenceAdam, Ema = new EmaOptions { Decay = 0.9 } };
        var options = new GanOptions
        {
            Architecture = GanArchitecture.Dcgan, LatentDim = 8, BatchnormStatistics = BatchNormStatistics.Recalibrated, RecalibrationSamples = 64,
        };
        var (run, model) = Gans.Build(data, options, settings);
        using (run)
        using (model)
        {
            run.Train(model, 6);
            var statistics = Snapshot(model.Generator.buffers());

            using var recalibrated = run.Sample(model, 32);
            run.Evaluate(model);

            Assert.Equal(statistics, Snapshot(model.Generator.buffers()));
            Assert.True(recalibrated.min().item<float>() >= 0 && recalibrated.max().item<float>() <= 1);
        }
    }

    [Fact]
    public void OptionsThatDoNotFitTheDataAreRefusedWithTheReason()
    {
        using var data = TestData.Binary();
        var options = new GanOptions { Architecture = GanArchitecture.Dcgan };
        using var run = new TestRun(data, Gans.Plugin.OptimizerGroups(options));

        var error = Assert.Throws<ArgumentException>(() => run.CreateModel(Gans.Plugin, options));

        Assert.Contains("architecture dcgan needs images", error.Message);
        Assert.Contains("[16]", error.Message);
    }

    private static float[] Snapshot(TorchSharp.torch.nn.Module module) => Snapshot(module.parameters());

    private static float[] Snapshot(IEnumerable<Tensor> tensors) =>
        tensors.SelectMany(t => t.to(float32).reshape(-1).data<float>().ToArray()).ToArray();
}
