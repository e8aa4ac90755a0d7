using Framework.Contracts.Training;
using Framework.Plugins.Vae.Objective;
using Framework.Plugins.Vae.Tests.Support;
using Framework.Plugins.Vae.Training;
using Framework.Training.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The two-thread step with its own Adam update trains exactly as the one-thread step followed by the host's optimiser.</summary>
public sealed class RowSplitMlpStepTests
{
    private static readonly VaeOptions SmallOptions = new() { Hidden = [8], LatentDim = 2 };

    [Theory]
    [InlineData("adam", 0.0, 1.0, LossReduction.Sum, new[] { 48 })]
    [InlineData("adamw", 0.01, 0.3, LossReduction.Mean, new[] { 37, 21 })]
    [InlineData("adam", 0.001, 2.0, LossReduction.Sum, new[] { 33 })]
    [InlineData("adam", 0.0, 1.0, LossReduction.Sum, new int[0])]
    public void ItsStepsEqualTheFusedStepFollowedByTheHostsOptimiser(string optimizer, double weightDecay, double beta, LossReduction reduction, int[] hidden)
    {
        Assert.True(MklGemm.IsAvailable, "libtorch's CPU library should export sgemm_ on x64 Linux");
        using var scope = NewDisposeScope();
        var options = new VaeOptions { Hidden = hidden, LatentDim = 3, Beta = beta, Reduction = reduction };
        var settings = new OptimizerSettings(optimizer, LearningRate: 0.01, WeightDecay: weightDecay);
        // A warm-up and a momentum warm-up, so that the scheduled learning rate and beta1 must reach the row-split kernel.
        var schedule = new ScheduleOptions { Name = ScheduleName.Cosine, WarmupSteps = 2, MomentumWarmup = new MomentumWarmupOptions { Start = 0.5, Steps = 2 } };
        const int batch = 16, features = 35;  // odd: the two threads' halves differ by a row
        using var reference = Trainee.Create(options, settings, features, seed: 5, schedule);
        using var subject = Trainee.Create(options, settings, features, seed: 5, schedule);
        using var fused = FusedMlpStep.Create(reference.Network, options, reference.Optimizer, batch, CPU);
        using var rowSplit = RowSplitMlpStep.Create(subject.Network, options, subject.Optimizer, batch);
        using var generator = new Generator(11);
        var scale = reduction == LossReduction.Sum ? 1.0 : 1.0 / batch;

        for (var step = 0; step < 3; step++)
        {
            var x = rand([batch, features], generator: generator);
            var epsilon = randn([batch, 3], generator: generator);
            reference.Services.BeginStep(step, false);
            subject.Services.BeginStep(step, false);
            var (expectedReconstruction, expectedKl) = fused.Step(x, epsilon, beta, scale);
            var (reconstruction, kl) = rowSplit.Step(x, epsilon, beta, scale);

            Assert.Equal(expectedReconstruction.item<float>(), reconstruction.item<float>(), 2);
            Assert.Equal(expectedKl.item<float>(), kl.item<float>(), 3);
            AssertClose(reference.Flat.Gradients, subject.Flat.Gradients, "gradients", 1e-4);
            AssertClose(reference.Flat.Values, subject.Flat.Values, "parameters", 1e-5);
            AssertClose(reference.Flat.State["exp_avg_sq"], subject.Flat.State["exp_avg_sq"], "second moments", 1e-4);
        }

        Assert.Equal(3, subject.Optimizer.Steps);
        rowSplit.ReleaseThreads();
    }

    [Fact]
    public void ItHoldsTheCallingThreadAtOneLibTorchThreadUntilReleased()
    {
        using var scope = NewDisposeScope();
        using var trainee = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1);
        using var rowSplit = RowSplitMlpStep.Create(trainee.Network, SmallOptions, trainee.Optimizer, 4);
        var before = torch.get_num_threads();

        rowSplit.Step(rand(4, 12), randn(4, 2), 1.0, 1.0);
        Assert.Equal(1, torch.get_num_threads());
        rowSplit.ReleaseThreads();

        Assert.Equal(before, torch.get_num_threads());
    }

    [Fact]
    public void ItRefusesABatchOfAnotherSize()
    {
        using var scope = NewDisposeScope();
        using var trainee = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1);
        using var rowSplit = RowSplitMlpStep.Create(trainee.Network, SmallOptions, trainee.Optimizer, 4);

        Assert.False(rowSplit.Handles(3));
        var error = Assert.Throws<ArgumentException>(() => rowSplit.Step(rand(3, 12), randn(3, 2), 1.0, 1.0));

        Assert.Contains("batch of 4 x 12", error.Message);
    }

    [Theory]
    [InlineData("sgd", 0.0, 1, HiddenActivation.Relu, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 1.0, 1, HiddenActivation.Relu, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 0.0, 2, HiddenActivation.Relu, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 0.0, 1, HiddenActivation.Tanh, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 0.0, 1, HiddenActivation.Relu, DecoderDistribution.Gaussian)]
    public void OtherSettingsTakeTheOneThreadStep(string optimizer, double clip, int accumulate, HiddenActivation activation, DecoderDistribution likelihood)
    {
        var options = new VaeOptions { Activation = activation, Likelihood = likelihood, Variance = GaussianVariance.Fixed, Hidden = [8], LatentDim = 2 };
        using var other = Trainee.Create(options, new OptimizerSettings(optimizer, GradientClip: clip), features: 12, seed: 1, accumulate: accumulate);
        using var plain = Trainee.Create(SmallOptions, new OptimizerSettings("adamw"), features: 12, seed: 1);

        Assert.False(RowSplitMlpStep.Supports(options, other.Optimizer, CPU));
        Assert.Equal(torch.get_num_threads() >= 2, RowSplitMlpStep.Supports(SmallOptions, plain.Optimizer, CPU));
    }

    [Fact]
    public void UnderGradientAccumulationOnlyTheAutogradPathTrains()
    {
        using var scope = NewDisposeScope();
        using var accumulating = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1, accumulate: 4);
        using var plain = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1);

        using var accumulatingPaths = TrainingPaths.Create(SmallOptions, accumulating.Network, accumulating.Optimizer, 4, CPU, (_, _) => throw new NotImplementedException());
        using var plainPaths = TrainingPaths.Create(SmallOptions, plain.Network, plain.Optimizer, 4, CPU, (_, _) => throw new NotImplementedException());

        Assert.Equal(["AutogradPath"], accumulatingPaths.Names);
        Assert.Equal(torch.get_num_threads() >= 2 ? ["RowSplitMlpStep", "FusedMlpStep", "AutogradPath"] : ["FusedMlpStep", "AutogradPath"], plainPaths.Names);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what, double tolerance)
    {
        var difference = (actual - expected).abs().max().item<float>();
        var size = expected.abs().max().item<float>();
        Assert.True(difference <= tolerance * Math.Max(1, size), $"{what} differ by {difference} (largest {size})");
    }
}
