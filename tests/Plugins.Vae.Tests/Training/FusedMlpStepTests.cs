using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Training;
using Framework.Training.Schedules;
using Framework.Plugins.Vae.Objective;
using Framework.Plugins.Vae.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The hand-written step computes the same objective and the same gradients as autograd.</summary>
public sealed class FusedMlpStepTests
{
    [Theory]
    [InlineData(HiddenActivation.Relu, DecoderDistribution.Bernoulli, 1.0, LossReduction.Sum, new[] { 48 })]
    [InlineData(HiddenActivation.Relu, DecoderDistribution.Bernoulli, 0.3, LossReduction.Mean, new[] { 48, 24 })]
    [InlineData(HiddenActivation.LeakyRelu, DecoderDistribution.Gaussian, 1.0, LossReduction.Sum, new[] { 32 })]
    [InlineData(HiddenActivation.Elu, DecoderDistribution.Bernoulli, 2.0, LossReduction.Sum, new[] { 32, 16 })]
    [InlineData(HiddenActivation.Softplus, DecoderDistribution.Gaussian, 0.5, LossReduction.Mean, new[] { 32 })]
    [InlineData(HiddenActivation.Tanh, DecoderDistribution.Bernoulli, 1.0, LossReduction.Sum, new[] { 32 })]
    [InlineData(HiddenActivation.Relu, DecoderDistribution.Bernoulli, 1.0, LossReduction.Sum, new int[0])]
    public void ItsObjectiveAndGradientsEqualAutogradsForEverySupportedConfiguration(
        HiddenActivation activation, DecoderDistribution likelihood, double beta, LossReduction reduction, int[] hidden)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(8);
        var options = new VaeOptions
        {
            Activation = activation, Likelihood = likelihood, Variance = GaussianVariance.Fixed, GaussianSigma = 0.3,
            Hidden = hidden, LatentDim = 3, Beta = beta, Reduction = reduction,
        };
        using var network = VaeNetworkFactory.Create(options, [36], CPU);
        Initialization.PyTorchDefault(network, generator);
        // The host's optimiser holds the parameters in one flat buffer, whose gradient views the fused step writes.
        using var services = new TrainingServices(TrainingServicesSettings.Single(new OptimizerSettings(), new TrainingClock(1, 1)));
        var flat = services.Create(network.parameters()).Flat!;
        using var fused = FusedMlpStep.Create(network, options, optimizer: null, maximumBatch: 16, CPU);
        // A full batch, and 10 of at most 16 examples: the buffers used in part, as for an epoch's last batch.
        foreach (var rows in new[] { 16, 10 })
            CompareWithAutograd(network, flat, fused, rand([rows, 36], generator: generator), randn([rows, 3], generator: generator), beta, reduction == LossReduction.Sum ? 1.0 : 1.0 / rows);
    }

    private static void CompareWithAutograd(VaeNetwork network, OptimizerBuffers flat, FusedMlpStep fused, Tensor x, Tensor epsilon, double beta, double scale)
    {

        var (mean, logVariance) = network.Encode(x);
        var z = addcmul(mean, epsilon, logVariance.mul(0.5).exp(), 1);
        var reconstruction = network.Observation.NegativeLogLikelihoodSum(network.Decode(z), x);
        var kl = GaussianKl.Sum(mean, logVariance);
        flat.Gradients.zero_();
        ((reconstruction + beta * kl) * scale).backward();
        var expected = flat.Gradients.clone();
        flat.Gradients.fill_(float.NaN); // every slot must be overwritten

        var (fusedReconstruction, fusedKl) = fused.Run(x, epsilon, beta, scale);

        Assert.Equal(reconstruction.item<float>(), fusedReconstruction.item<float>(), 2);
        Assert.Equal(kl.item<float>(), fusedKl.item<float>(), 3);
        var difference = (flat.Gradients - expected).abs().max().item<float>();
        var size = expected.abs().max().item<float>();
        Assert.True(difference <= 1e-4 * Math.Max(1, size), $"gradients differ by {difference} (largest gradient {size})");
    }

    [Theory]
    [InlineData(VaeArchitecture.Conv, HiddenActivation.Relu, DecoderDistribution.Bernoulli, GaussianVariance.Fixed)]
    [InlineData(VaeArchitecture.Mlp, HiddenActivation.Gelu, DecoderDistribution.Bernoulli, GaussianVariance.Fixed)]
    [InlineData(VaeArchitecture.Mlp, HiddenActivation.Relu, DecoderDistribution.Gaussian, GaussianVariance.Learned)]
    public void OtherConfigurationsTrainThroughAutograd(VaeArchitecture architecture, HiddenActivation activation, DecoderDistribution likelihood, GaussianVariance variance)
    {
        var options = new VaeOptions { Architecture = architecture, Activation = activation, Likelihood = likelihood, Variance = variance };

        Assert.False(FusedMlpStep.Supports(options));
    }
}
