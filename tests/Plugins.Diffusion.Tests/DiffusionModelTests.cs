using Framework.Contracts.Data;
using Framework.Plugins.Diffusion.Tests.Support;
using Framework.Testing;
using Framework.Testing.Conformance;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The model as the host drives it: the conformance checks, samples in the data's values, its artifacts.</summary>
public sealed class DiffusionModelTests
{
    [Fact]
    public void TheDefaultModelMeetsTheContracts()
    {
        using var data = TestData.Binary();

        var report = ModelConformance.Check(PluginContainer.Diffusion, data, new ConformanceSettings { Options = Some.TinyMlp(timesteps: 50) });

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void ATinyUNetMeetsTheContracts()
    {
        using var data = Some.Images();

        var report = ModelConformance.Check(PluginContainer.Diffusion, data, new ConformanceSettings { Options = Some.TinyUnet(timesteps: 10), LeakSteps = 20 });

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void SamplesOfSpinDataAreSpins()
    {
        using var scope = NewDisposeScope();
        var spins = (randint(0, 2, [64, 4, 4]) * 2 - 1).to(float32);
        using var data = new Dataset(spins, spins.narrow(0, 0, 16), ValueRange.Spin) { IsBinary = true, Layout = SampleLayout.Lattice };
        var options = Some.TinyMlp();
        using var run = new TestRun(data, PluginContainer.Diffusion.OptimizerGroups(options));
        using var model = run.CreateModel(PluginContainer.Diffusion, options);
        run.Train(model, steps: 3);

        using var samples = run.Sample(model, 50);

        Assert.Equal([50L, 4, 4], samples.shape);
        Assert.True(samples.abs().eq(1).all().item<bool>());
        Assert.Equal("discretised gaussian, 2 bins on [-1, 1]", Evaluated(run, model).Tags["diffusion.decoder"]);
    }

    [Fact]
    public void EvaluationDrawsADenoisingTrajectoryOfEachChainFromNoiseToSample()
    {
        using var data = Some.Images();
        var options = Some.TinyUnet();
        var artifacts = new MemoryArtifactSink();
        using var run = new TestRun(data, PluginContainer.Diffusion.OptimizerGroups(options)) { Artifacts = artifacts };
        using var model = run.CreateModel(PluginContainer.Diffusion, options);
        run.Train(model, steps: 2);

        run.Evaluate(model);

        var strip = Assert.Single(artifacts.Files, f => f.Key.StartsWith("trajectories/", StringComparison.Ordinal));
        Assert.Equal("trajectories/step_00000002.png", strip.Key);
        // Two chains of four frames each (x_T, two intermediate states, the sample), as [chains * frames, 1, 8, 8].
        Assert.Equal("image grid [8, 1, 8, 8]", System.Text.Encoding.UTF8.GetString(strip.Value));
    }

    [Fact]
    public void TheLossByQuarterOfTheTimestepsAveragesToTheLossOverTheBatch()
    {
        using var data = Some.Images(train: 256);
        var options = Some.TinyMlp(timesteps: 8);
        options.LossQuartiles = true;
        using var run = new TestRun(data, PluginContainer.Diffusion.OptimizerGroups(options), new TestRunSettings { BatchSize = 256 });
        using var model = run.CreateModel(PluginContainer.Diffusion, options);

        var metrics = run.Train(model, steps: 1);

        var quarters = Enumerable.Range(1, 4).Select(q => metrics[$"train/loss_t_quartile_{q}"]).ToArray();
        Assert.All(quarters, q => Assert.True(double.IsFinite(q)));
        // 256 timesteps from 8: each quarter (two timesteps) holds about a quarter of the batch.
        Assert.Equal(metrics["train/loss"], quarters.Average(), 1);
    }

    [Fact]
    public void TrainingLowersTheSimpleLoss()
    {
        using var data = Some.Images(train: 256);
        var options = Some.TinyMlp(timesteps: 100);
        options.Hidden = [128, 128];
        using var run = new TestRun(data, PluginContainer.Diffusion.OptimizerGroups(options),
            new TestRunSettings { BatchSize = 64, Optimizer = new Contracts.Training.OptimizerSettings("adam", LearningRate: 2e-3) });
        using var model = run.CreateModel(PluginContainer.Diffusion, options);
        var before = run.Evaluate(model)["test/loss"];

        run.Train(model, steps: 300);

        // The untrained network predicts eps = 0 (its output layer starts at zero): loss E||eps||²/D = 1.
        Assert.InRange(before, 0.85, 1.15);
        Assert.True(run.Evaluate(model)["test/loss"] < 0.6 * before);
    }

    [Fact]
    public void AModelPredictingTheVelocityMeetsTheContracts()
    {
        using var data = TestData.Binary();
        var options = Some.TinyMlp(timesteps: 50);
        options.Prediction = PredictionTarget.V;

        var report = ModelConformance.Check(PluginContainer.Diffusion, data, new ConformanceSettings { Options = options });

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void AModelPredictingX0MeetsTheContractsAndLearnsTheCleanExample()
    {
        using var data = TestData.Binary();
        var options = Some.TinyMlp(timesteps: 50);
        options.Prediction = PredictionTarget.X0;

        var report = ModelConformance.Check(PluginContainer.Diffusion, data, new ConformanceSettings { Options = options });
        Assert.True(report.Passed, report.ToTable());

        // Spins x_0 = ±1 in equal numbers: the untrained network predicts x_0 = 0 (its output layer starts at zero), a loss
        // of E[x_0²] = 1; the best denoiser predicts E[x_0 | x_t], which is far better at small t.
        using var spinsTrain = (randint(0, 2, [512, 16]) * 2 - 1).to(float32);
        using var spins = new Dataset(spinsTrain, spinsTrain.narrow(0, 0, 128), ValueRange.Spin) { IsBinary = true };
        options.Hidden = [64, 64];
        using var run = new TestRun(spins, PluginContainer.Diffusion.OptimizerGroups(options),
            new TestRunSettings { BatchSize = 64, Optimizer = new Contracts.Training.OptimizerSettings("adam", LearningRate: 2e-3) });
        using var model = run.CreateModel(PluginContainer.Diffusion, options);
        var before = run.Evaluate(model)["test/loss"];

        run.Train(model, steps: 300);

        Assert.Equal(1.0, before, 6);
        Assert.True(run.Evaluate(model)["test/loss"] < 0.8 * before);
    }

    private static TestRun Evaluated(TestRun run, Contracts.Models.IModel model)
    {
        run.Evaluate(model);
        return run;
    }
}
