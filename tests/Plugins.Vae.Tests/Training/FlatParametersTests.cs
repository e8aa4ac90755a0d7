using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

public sealed class FlatParametersTests
{
    [Theory]
    [InlineData(VaeArchitecture.Mlp, DecoderDistribution.Gaussian)]
    [InlineData(VaeArchitecture.Conv, DecoderDistribution.Bernoulli)]
    public void EveryParameterBecomesAViewOfTheBufferWithItsValueAndBackwardFillsTheGradientBuffer(VaeArchitecture architecture, DecoderDistribution likelihood)
    {
        using var scope = NewDisposeScope();
        using var network = VaeNetworkFactory.Create(new VaeOptions { Architecture = architecture, Likelihood = likelihood }, [1, 12, 12], CPU);
        var before = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        using var flat = FlatParameters.Adopt(network);

        var after = network.named_parameters().ToList();
        Assert.Equal(before.Keys.Order(), after.Select(p => p.name).Order());
        Assert.Equal(before.Values.Sum(t => t.numel()), flat.Count);
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

        flat.ZeroGradients();
        Assert.Equal(0f, flat.Gradients.abs().sum().item<float>());
    }
}
