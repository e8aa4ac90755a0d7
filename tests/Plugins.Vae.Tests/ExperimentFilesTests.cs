using Framework.Plugins.Idx;
using Framework.Plugins.Vae.Tests.Support;

namespace Framework.Plugins.Vae.Tests;

/// <summary>The experiment files bind to the plugins' options and describe the models they say they do.</summary>
public sealed class ExperimentFilesTests
{
    [Theory]
    [InlineData("vae-fashion-mnist.yaml")]
    [InlineData("vae-fashion-mnist-binarized.yaml")]
    [InlineData("vae-conv-fashion-mnist.yaml")]
    public void EveryVaeExperimentBindsAndBuildsItsModel(string file)
    {
        var (modelPlugin, model) = ExperimentFile.Section<VaeOptions>(file, "model");
        var (datasetPlugin, dataset) = ExperimentFile.Section<IdxOptions>(file, "dataset");
        dataset.TrainLimit = 256;
        dataset.TestLimit = 64;
        model.IwaeSamples = Math.Min(model.IwaeSamples, 2);

        using var context = new TestDatasetContext();
        using var run = new VaeRun(PluginContainer.Idx.Load(dataset, context), model, name: file);
        run.Train(epochs: 1);
        var metrics = run.Evaluate(isFinal: true);

        Assert.Equal("vae", modelPlugin);
        Assert.Equal("idx", datasetPlugin);
        Assert.True(double.IsFinite(metrics["test/neg_elbo"]));
    }

    [Fact]
    public void TheMlpExperimentIsTheReferenceModel()
    {
        var (_, model) = ExperimentFile.Section<VaeOptions>("vae-fashion-mnist.yaml", "model");
        var (_, binarized) = ExperimentFile.Section<IdxOptions>("vae-fashion-mnist-binarized.yaml", "dataset");

        Assert.Equal([400], model.Hidden);
        Assert.Equal(20, model.LatentDim);
        Assert.Equal(DecoderDistribution.Bernoulli, model.Likelihood);
        Assert.Equal(LossReduction.Sum, model.Reduction);
        Assert.Equal(500, model.IwaeSamples);
        Assert.Equal(Binarization.Threshold, binarized.Binarize);
        Assert.Equal(0.5, binarized.Threshold);
    }

    [Fact]
    public void TheConvolutionalExperimentIsTheKerasExample()
    {
        var (_, model) = ExperimentFile.Section<VaeOptions>("vae-conv-fashion-mnist.yaml", "model");
        var (_, dataset) = ExperimentFile.Section<IdxOptions>("vae-conv-fashion-mnist.yaml", "dataset");

        Assert.Equal(VaeArchitecture.Conv, model.Architecture);
        Assert.Equal([32, 64], model.ConvChannels);
        Assert.Equal([16], model.ConvDense);
        Assert.Equal(2, model.LatentDim);
        Assert.Equal(ImageShape.Image, dataset.Shape);
    }
}
