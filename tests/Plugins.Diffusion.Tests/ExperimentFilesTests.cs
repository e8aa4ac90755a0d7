using Framework.Contracts.Data;
using Framework.Plugins.Diffusion.Tests.Support;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;
using Framework.Testing;
using YamlDotNet.RepresentationModel;

namespace Framework.Plugins.Diffusion.Tests;

/// <summary>The experiment files bind to the plugins' options and describe the models they say they do.</summary>
public sealed class ExperimentFilesTests
{
    [Fact]
    public void TheFashionMnistExperimentBindsAndTrainsItsModel()
    {
        var (modelPlugin, model) = ExperimentFile.Section<DiffusionOptions>("diffusion-fashion-mnist.yaml", "model");
        var (datasetPlugin, dataset) = ExperimentFile.Section<IdxOptions>("diffusion-fashion-mnist.yaml", "dataset");
        dataset.TrainLimit = 16;
        dataset.TestLimit = 4;
        model.VlbExamples = 2;
        model.VlbTimesteps = 1;
        model.TrajectorySamples = 0;

        using var context = new TestDatasetContext();
        using var data = PluginContainer.Idx.Load(dataset, context);
        var metrics = TrainAndEvaluate(model, data);

        Assert.Equal("diffusion", modelPlugin);
        Assert.Equal("idx", datasetPlugin);
        Assert.True(double.IsFinite(metrics["test/neg_elbo"]));
    }

    [Fact]
    public void TheIsingExperimentBindsAndTrainsItsModel()
    {
        var (modelPlugin, model) = ExperimentFile.Section<DiffusionOptions>("diffusion-ising.yaml", "model");
        var (datasetPlugin, dataset) = ExperimentFile.Section<IsingOptions>("diffusion-ising.yaml", "dataset");
        dataset.TrainSamples = 32;
        dataset.TestSamples = 8;
        dataset.ThermalizationSweeps = 10;
        model.VlbTimesteps = 1;
        model.TrajectorySamples = 0;

        using var context = new TestDatasetContext(cacheDirectory: Directory.CreateTempSubdirectory("ising").FullName);
        using var data = PluginContainer.Ising.Load(dataset, context);
        var metrics = TrainAndEvaluate(model, data);

        Assert.Equal("diffusion", modelPlugin);
        Assert.Equal("ising2d", datasetPlugin);
        Assert.True(double.IsFinite(metrics["test/neg_elbo"]));
    }

    [Fact]
    public void TheFashionMnistExperimentIsTheReferenceSetup()
    {
        var (_, model) = ExperimentFile.Section<DiffusionOptions>("diffusion-fashion-mnist.yaml", "model");
        var training = Section("diffusion-fashion-mnist.yaml", "training");

        Assert.Equal(DiffusionArchitecture.Unet, model.Architecture);
        Assert.Equal(16, model.Channels);
        Assert.Equal([1, 2, 2], model.ChannelMultipliers);
        Assert.True(model.Attention);
        Assert.Equal(8, model.Groups);
        Assert.Equal(1000, model.Timesteps);
        Assert.Equal(ScheduleKind.Linear, model.Schedule);
        Assert.Equal((1e-4, 0.02), (model.BetaStart, model.BetaEnd));
        Assert.Equal(SamplerKind.Ancestral, model.Sampler);
        Assert.Equal("4", Scalar(training, "epochs"));
        Assert.Equal("128", Scalar(training, "batch_size"));
        Assert.Equal("adam", Scalar(training, "optimizer", "name"));
        Assert.Equal("0.0002", Scalar(training, "optimizer", "lr"));
        Assert.Equal("1.0", Scalar(training, "optimizer", "gradient_clip"));
        Assert.Equal("0.999", Scalar(training, "ema", "decay"));
    }

    [Fact]
    public void TheIsingExperimentSweepsTheThreeTemperatures()
    {
        var (_, model) = ExperimentFile.Section<DiffusionOptions>("diffusion-ising.yaml", "model");
        var (_, dataset) = ExperimentFile.Section<IsingOptions>("diffusion-ising.yaml", "dataset");
        var sweep = (YamlSequenceNode)Section("diffusion-ising.yaml", "sweep")["parameters"]["dataset.temperature"];

        Assert.Equal(DiffusionArchitecture.Mlp, model.Architecture);
        Assert.Equal(8, dataset.Size);
        Assert.Equal(["1.5", "2.27", "3.0"], sweep.Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.NotEqual("0", Scalar(Section("diffusion-ising.yaml", "training"), "ema", "decay"));
    }

    private static IReadOnlyDictionary<string, double> TrainAndEvaluate(DiffusionOptions options, Dataset data)
    {
        var plugin = PluginContainer.Diffusion;
        using var run = new TestRun(data, plugin.OptimizerGroups(options), new TestRunSettings { BatchSize = 8 });
        using var model = run.CreateModel(plugin, options);
        run.Train(model, steps: 2);
        return run.Evaluate(model);
    }

    private static YamlMappingNode Section(string file, string section)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ExperimentFile.Folder, file)))
            stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode(section)];
    }

    private static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)current).Value!;
    }
}
