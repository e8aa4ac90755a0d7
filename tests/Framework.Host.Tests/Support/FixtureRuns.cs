using Autofac;
using Framework.Host.Experiments;
using Framework.Host.Plugins;
using Framework.Host.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Support;

/// <summary>Builds trainer requests for the fixture plugins, loaded through the real plugin loader.</summary>
internal static class FixtureRuns
{
    private static readonly Lazy<PluginCatalog> Catalog = new(() =>
        new PluginLoader(new ContainerBuilder().Build(), NullLogger<PluginLoader>.Instance).LoadAll([TestPaths.FixturePlugins]));

    public static PluginCatalog Plugins => Catalog.Value;

    /// <summary>A request for an experiment loaded from a file (validated against the fixtures' declarations).</summary>
    public static TrainingRequest Request(ExperimentDefinition experiment, RecordingTracker tracker, string root, string? resume = null, RunFolder? folder = null)
    {
        var modelPlugin = Plugins.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = Plugins.FindDataset(experiment.Dataset.PluginName)!;
        return new TrainingRequest(experiment, modelPlugin, datasetPlugin, TorchSharp.torch.CPU,
            folder ?? RunFolder.Create(Path.Combine(root, "runs"), experiment.Name, DateTimeOffset.UtcNow), tracker,
            Path.Combine(root, "cache"), resume, DateTimeOffset.UtcNow);
    }

    /// <summary>Loads an experiment file against the fixture plugins.</summary>
    public static ExperimentLoadResult Load(string path, params string[] overrides) => new ExperimentLoader(Plugins).Load(path, overrides);

    public static TrainingRequest Request(string model, TrainingSettings training, RecordingTracker tracker, string root,
        string? resume = null, RunFolder? folder = null)
    {
        var modelPlugin = Plugins.FindModel(model) ?? throw new InvalidOperationException($"fixture model {model} not loaded");
        var datasetPlugin = Plugins.FindDataset("gaussian-ring")!;
        var modelOptions = Activator.CreateInstance(modelPlugin.OptionsType)!;
        var datasetOptions = Activator.CreateInstance(datasetPlugin.OptionsType)!;
        var flat = new Dictionary<string, string>
        {
            ["model.plugin"] = model,
            ["dataset.plugin"] = "gaussian-ring",
            ["training.epochs"] = training.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["training.seed"] = training.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var experiment = new ExperimentDefinition(Path.Combine(root, "fixture.yaml"), "fixture", null,
            new PluginSelection(model, modelOptions), new PluginSelection("gaussian-ring", datasetOptions),
            training, new TrackingSettings(), "", flat, []);
        return new TrainingRequest(experiment, modelPlugin, datasetPlugin, TorchSharp.torch.CPU,
            folder ?? RunFolder.Create(Path.Combine(root, "runs"), "fixture", DateTimeOffset.UtcNow), tracker,
            Path.Combine(root, "cache"), resume, DateTimeOffset.UtcNow);
    }
}
