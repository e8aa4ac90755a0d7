using System.Reflection;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Experiments;
using Framework.Host.Plugins;
using Framework.Host.Tracking;
using static TorchSharp.torch;

namespace Framework.Host.Cli;

/// <summary>The tags every run carries: MLflow's system tags plus what a researcher needs to reproduce it.</summary>
internal static class RunTags
{
    public static string FrameworkVersion { get; } =
        typeof(RunTags).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Dictionary<string, string> For(ExperimentDefinition experiment, string runName, IPluginCatalog catalog,
        IModelPlugin model, IDatasetPlugin dataset, Device device, GitState? git) =>
        new StandardRunTags
        {
            RunName = runName,
            SourceFile = experiment.SourcePath,
            Description = experiment.Description,
            FrameworkVersion = FrameworkVersion,
            Plugins =
            [
                new(model.Name, catalog.OwnerOf(model)?.Manifest.Version ?? "unknown"),
                new(dataset.Name, catalog.OwnerOf(dataset)?.Manifest.Version ?? "unknown"),
            ],
            Device = device.ToString(),
            LibTorchVersion = __version__,
            Seed = experiment.Training.Seed,
            Extra = experiment.Tracking.Tags,
            Git = git,
            ProbeGit = false,
        }.Build();
}
