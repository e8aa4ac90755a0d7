using Framework.Contracts.Data;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests;

public sealed class VaePluginTests
{
    [Fact]
    public void TheModuleRegistersTheVaePluginWithItsOptions()
    {
        var plugin = PluginContainer.Vae;

        Assert.Equal("vae", plugin.Name);
        Assert.Equal(typeof(VaeOptions), plugin.OptionsType);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public void TheDefaultOptionsAreThePyTorchExamplesModel()
    {
        using var run = new VaeRun(FashionMnistSubset.Load(128, 16), new VaeOptions());

        var shapes = run.Vae.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.Equal(20, run.Vae.Network.LatentDim);
        Assert.Equal(new long[] { 400, 784 }, shapes["encoder.fc0.weight"]);
        Assert.Equal(new long[] { 40, 400 }, shapes["encoder.posterior.weight"]);
        Assert.Equal(new long[] { 400, 20 }, shapes["decoder.fc0.weight"]);
        Assert.Equal(new long[] { 784, 400 }, shapes["decoder.output.weight"]);
    }

    [Fact]
    public void TheConvolutionalArchitectureNeedsImagesAndSaysSo()
    {
        using var data = new Dataset(zeros(8, 10), zeros(2, 10), ValueRange.Unit);
        using var generator = new Generator(1);
        var context = new TestModelContext(data, generator, batchSize: 4, epochs: 1);

        var error = Assert.Throws<ArgumentException>(() => PluginContainer.Vae.Create(new VaeOptions { Architecture = VaeArchitecture.Conv }, context));

        Assert.Contains("[10]", error.Message, StringComparison.Ordinal);
        Assert.Contains("architecture: mlp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABernoulliDecoderOnSpinDataIsRefusedWithTheFix()
    {
        using var data = new Dataset(ones(8, 16), ones(2, 16), ValueRange.Spin);
        using var generator = new Generator(1);
        var context = new TestModelContext(data, generator, batchSize: 4, epochs: 1);

        var error = Assert.Throws<ArgumentException>(() => PluginContainer.Vae.Create(new VaeOptions(), context));

        Assert.Contains("likelihood: gaussian", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGaussianDecoderTrainsOnSpinDataAndSamplesInItsShape()
    {
        using var generator = new Generator(3);
        var spins = rand([256, 4, 4], generator: generator).gt(0.5f).to_type(ScalarType.Float32).mul(2).sub(1);
        var data = new Dataset(spins, spins.narrow(0, 0, 32).clone(), ValueRange.Spin) { Layout = SampleLayout.Lattice };
        using var run = new VaeRun(data, new VaeOptions { Likelihood = DecoderDistribution.Gaussian, LatentDim = 2, Hidden = [32], IwaeSamples = 4 }, batchSize: 32);

        run.Train(epochs: 2);
        var metrics = run.Evaluate(isFinal: true);
        using var scope = NewDisposeScope();
        var samples = run.Model.Sample(5, run.Step);

        Assert.True(double.IsFinite(metrics["test/loglik"]));
        Assert.Equal(new long[] { 5, 4, 4 }, samples.shape);
    }
}
