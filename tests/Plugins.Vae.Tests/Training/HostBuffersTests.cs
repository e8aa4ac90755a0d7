using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Training;
using Framework.Training.Schedules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The host's optimiser takes every parameter of the VAE's networks (linear, convolutional, transposed, a learned
/// decoder variance) into its flat buffers, where the fused steps find them.</summary>
public sealed class HostBuffersTests
{
    [Theory]
    [InlineData(VaeArchitecture.Mlp, DecoderDistribution.Gaussian)]
    [InlineData(VaeArchitecture.Conv, DecoderDistribution.Bernoulli)]
    public void EveryParameterBecomesAViewOfTheBufferWithItsValueAndBackwardFillsTheGradientBuffer(VaeArchitecture architecture, DecoderDistribution likelihood)
    {
        using var scope = NewDisposeScope();
        using var network = VaeNetworkFactory.Create(new VaeOptions { Architecture = architecture, Likelihood = likelihood }, [1, 12, 12], CPU);
        var before = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        using var services = new TrainingServices(TrainingServicesSettings.Single(new OptimizerSettings(), new TrainingClock(1, 1)));
        var flat = services.Create(network.parameters()).Flat!;

        var after = network.named_parameters().ToList();
        Assert.Equal(before.Keys.Order(), after.Select(p => p.name).Order());
        Assert.Equal(before.Values.Sum(t => t.numel()), flat.Values.numel());
        foreach (var (name, parameter) in after)
            Assert.True(parameter.equal(before[name]).all().item<bool>(), $"{name} changed value");

        using (no_grad())
            flat.Values.add_(1);
        foreach (var (name, parameter) in after)
            Assert.True(parameter.equal(before[name] + 1).all().item<bool>(), $"{name} does not share the buffer's storage");

        var x = rand([4, 1, 12, 12]);
        var (mean, _) = network.Encode(x);
        network.Observation.NegativeLogLikelihoodSum(network.Decode(mean), x.reshape(4, -1)).backward();
        Assert.True(flat.Gradients.abs().sum().item<float>() > 0);
        foreach (var (name, parameter) in after)
        {
            using var gradient = parameter.grad;
            Assert.NotNull(gradient);
            Assert.Equal(parameter.shape, gradient.shape);
        }

        flat.Gradients.zero_();
        Assert.Equal(0f, flat.Gradients.abs().sum().item<float>());
    }
}
