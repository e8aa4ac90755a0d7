using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Objective;
using Framework.Plugins.Vae.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The two-thread step with its own Adam update trains exactly as the one-thread step followed by the optimiser.</summary>
public sealed class RowSplitMlpStepTests
{
    private static readonly VaeOptions SmallOptions = new() { Hidden = [8], LatentDim = 2 };

    [Theory]
    [InlineData("adam", 0.0, 1.0, LossReduction.Sum, new[] { 48 })]
    [InlineData("adamw", 0.01, 0.3, LossReduction.Mean, new[] { 37, 21 })]
    [InlineData("adam", 0.001, 2.0, LossReduction.Sum, new[] { 33 })]
    [InlineData("adam", 0.0, 1.0, LossReduction.Sum, new int[0])]
    public void ItsStepsEqualTheFusedStepFollowedByTheOptimiser(string optimizer, double weightDecay, double beta, LossReduction reduction, int[] hidden)
    {
        Assert.True(MklGemm.IsAvailable, "libtorch's CPU library should export sgemm_ on x64 Linux");
        using var scope = NewDisposeScope();
        var options = new VaeOptions { Hidden = hidden, LatentDim = 3, Beta = beta, Reduction = reduction };
        var settings = new OptimizerSettings(optimizer, LearningRate: 0.01, WeightDecay: weightDecay);
        const int batch = 16, features = 35;  // odd: the two threads' halves differ by a row
        using var reference = Trainee.Create(options, settings, features, seed: 5);
        using var subject = Trainee.Create(options, settings, features, seed: 5);
        using var fused = FusedMlpStep.Create(reference.Network, options, batch, CPU);
        using var rowSplit = RowSplitMlpStep.Create(subject.Network, options, subject.Parameters, subject.Optimizer, batch);
        using var generator = new Generator(11);
        var scale = reduction == LossReduction.Sum ? 1.0 : 1.0 / batch;

        for (var step = 0; step < 3; step++)
        {
            var x = rand([batch, features], generator: generator);
            var epsilon = randn([batch, 3], generator: generator);
            var (expectedReconstruction, expectedKl) = fused.Run(x, epsilon, beta, scale);
            reference.Optimizer.Step();
            var (reconstruction, kl) = rowSplit.Run(x, epsilon, beta, scale, subject.Optimizer.TakeAdamStep());

            Assert.Equal(expectedReconstruction.item<float>(), reconstruction.item<float>(), 2);
            Assert.Equal(expectedKl.item<float>(), kl.item<float>(), 3);
            AssertClose(reference.Parameters.Gradients, subject.Parameters.Gradients, "gradients", 1e-4);
            AssertClose(reference.Parameters.Values, subject.Parameters.Values, "parameters", 1e-5);
            AssertClose(reference.Optimizer.Moments.Second, subject.Optimizer.Moments.Second, "second moments", 1e-4);
        }

        Assert.Equal(3, subject.Optimizer.Steps);
        rowSplit.RestoreThreads();
    }

    [Fact]
    public void ItHoldsTheCallingThreadAtOneLibTorchThreadUntilToldToRestoreIt()
    {
        using var scope = NewDisposeScope();
        using var trainee = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1);
        using var rowSplit = RowSplitMlpStep.Create(trainee.Network, SmallOptions, trainee.Parameters, trainee.Optimizer, 4);
        var before = torch.get_num_threads();

        rowSplit.Run(rand(4, 12), randn(4, 2), 1.0, 1.0, trainee.Optimizer.TakeAdamStep());
        Assert.Equal(1, torch.get_num_threads());
        rowSplit.RestoreThreads();

        Assert.Equal(before, torch.get_num_threads());
    }

    [Fact]
    public void ItRefusesABatchOfAnotherSize()
    {
        using var scope = NewDisposeScope();
        using var trainee = Trainee.Create(SmallOptions, new OptimizerSettings("adam"), features: 12, seed: 1);
        using var rowSplit = RowSplitMlpStep.Create(trainee.Network, SmallOptions, trainee.Parameters, trainee.Optimizer, 4);

        var error = Assert.Throws<ArgumentException>(() => rowSplit.Run(rand(3, 12), randn(3, 2), 1.0, 1.0, trainee.Optimizer.TakeAdamStep()));

        Assert.Contains("batch of 4 x 12", error.Message);
    }

    [Theory]
    [InlineData("sgd", 0.0, HiddenActivation.Relu, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 1.0, HiddenActivation.Relu, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 0.0, HiddenActivation.Tanh, DecoderDistribution.Bernoulli)]
    [InlineData("adam", 0.0, HiddenActivation.Relu, DecoderDistribution.Gaussian)]
    public void OtherSettingsTakeTheOneThreadStep(string optimizer, double clip, HiddenActivation activation, DecoderDistribution likelihood)
    {
        var options = new VaeOptions { Activation = activation, Likelihood = likelihood, Variance = GaussianVariance.Fixed };

        Assert.False(RowSplitMlpStep.Supports(options, new OptimizerSettings(optimizer, GradientClip: clip), CPU));
        Assert.Equal(torch.get_num_threads() >= 2, RowSplitMlpStep.Supports(new VaeOptions(), new OptimizerSettings("adamw"), CPU));
    }

    /// <summary>A network with its parameters in a flat buffer and an optimiser over them.</summary>
    private sealed record Trainee(VaeNetwork Network, FlatParameters Parameters, InPlaceOptimizer Optimizer) : IDisposable
    {
        public static Trainee Create(VaeOptions options, OptimizerSettings settings, int features, int seed)
        {
            using var generator = new Generator((ulong)seed);
            var network = VaeNetworkFactory.Create(options, [features], CPU);
            Initialization.PyTorchDefault(network, generator);
            var parameters = FlatParameters.Adopt(network);
            return new Trainee(network, parameters, new InPlaceOptimizer(parameters, settings));
        }

        public void Dispose()
        {
            Optimizer.Dispose();
            Parameters.Dispose();
            Network.Dispose();
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what, double tolerance)
    {
        var difference = (actual - expected).abs().max().item<float>();
        var size = expected.abs().max().item<float>();
        Assert.True(difference <= tolerance * Math.Max(1, size), $"{what} differ by {difference} (largest {size})");
    }
}
