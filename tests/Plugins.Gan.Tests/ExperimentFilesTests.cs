using System.Globalization;
using Framework.Plugins.Gan.Tests.Support;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;
using Framework.Testing;

namespace Framework.Plugins.Gan.Tests;

/// <summary>The experiment files bind to the plugins' options, build their models on (a little of) their data, and
/// say what they claim to.</summary>
public sealed class ExperimentFilesTests
{
    [Fact]
    public void TheFashionMnistExperimentIsTheReferenceDcgan()
    {
        const string File = "gan-fashion-mnist.yaml";
        var (modelPlugin, model) = ExperimentFile.Section<GanOptions>(File, "model");
        var (datasetPlugin, dataset) = ExperimentFile.Section<IdxOptions>(File, "dataset");

        Assert.Equal(("gan", "idx"), (modelPlugin, datasetPlugin));
        Assert.Equal((GanArchitecture.Dcgan, GanLoss.Bce, 64), (model.Architecture, model.Loss, model.LatentDim));
        Assert.Equal(ImageShape.Image, dataset.Shape);
        Assert.Equal(("5", "64", "1"), (Training(File, "epochs"), Training(File, "batch_size"), Training(File, "seed")));
        foreach (var group in new[] { "generator", "discriminator" })
        {
            Assert.Equal("adam", Training(File, $"optimizers.{group}.name"));
            Assert.Equal(2e-4, Number(Training(File, $"optimizers.{group}.lr")));
            Assert.Equal((0.5, 0.999), (Number(Training(File, $"optimizers.{group}.beta1")), Number(Training(File, $"optimizers.{group}.beta2"))));
        }

        if (!Directory.Exists(dataset.Directory))
            return;  // the data package is not installed here; the host's ExperimentFilesTests still validate the file
        dataset.TrainLimit = 64;
        dataset.TestLimit = 32;
        using var context = new TestDatasetContext();
        using var data = Gans.DatasetPlugin<IdxModule>("idx").Load(dataset, context);
        model.EvalSamples = 16;
        var (run, gan) = Gans.Build(data, model, new TestRunSettings { BatchSize = 32, Optimizer = Gans.ReferenceAdam });
        using (run)
        using (gan)
        {
            var metrics = run.Train(gan, 2);
            using var samples = run.Sample(gan, 4);

            Assert.True(double.IsFinite(metrics["train/loss"]));
            Assert.Equal([4L, 1, 28, 28], samples.shape);
            Assert.True(double.IsFinite(run.Evaluate(gan)["test/d_real"]));
        }
    }

    [Fact]
    public void TheIsingExperimentIsAnMlpGanOnEightByEightLatticesAtThreeTemperatures()
    {
        const string File = "gan-ising.yaml";
        var (modelPlugin, model) = ExperimentFile.Section<GanOptions>(File, "model");
        var (datasetPlugin, dataset) = ExperimentFile.Section<IsingOptions>(File, "dataset");

        Assert.Equal(("gan", "ising2d"), (modelPlugin, datasetPlugin));
        Assert.Equal(GanArchitecture.Mlp, model.Architecture);
        Assert.Equal(8, dataset.Size);
        Assert.Equal([1.5, 2.27, 3.0], ExperimentFile.Values(File, "sweep.parameters.dataset.temperature").Select(Number));

        dataset.TrainSamples = 64;
        dataset.TestSamples = 32;
        dataset.ThermalizationSweeps = 20;
        using var context = new TestDatasetContext();
        using var data = Gans.DatasetPlugin<IsingModule>("ising2d").Load(dataset, context);
        model.EvalSamples = 16;
        var (run, gan) = Gans.Build(data, model);
        using (run)
        using (gan)
        {
            run.Train(gan, 2);
            using var samples = run.Sample(gan, 8);

            Assert.Equal([8L, 8, 8], samples.shape);
            Assert.True(samples.abs().eq(1).all().item<bool>());
        }
    }

    private static string? Training(string file, string key) => ExperimentFile.Value(file, "training." + key);

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);
}
