using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Tracking.Sqlite;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Cli;

/// <summary>
/// A finished (or interrupted) run opened by a verb that reads its model without training (<c>export</c>, <c>sample</c>):
/// where its configuration and checkpoint are, its experiment as resolved then (with the verb's overrides), its plugins,
/// and its model rebuilt from the checkpoint.
/// </summary>
internal sealed class TrainedRun : IDisposable
{
    private readonly ILoggerFactory _loggers;

    private TrainedRun(Source source, ExperimentDefinition experiment, IModelPlugin modelPlugin, IDatasetPlugin datasetPlugin, TrainedModel trained,
        ILoggerFactory loggers)
    {
        _loggers = loggers;
        Location = source;
        Experiment = experiment;
        ModelPlugin = modelPlugin;
        DatasetPlugin = datasetPlugin;
        Trained = trained;
    }

    /// <summary>Where a run's configuration and checkpoint are.</summary>
    /// <param name="Config">The run's resolved configuration (config.yaml).</param>
    /// <param name="Checkpoint">The checkpoint to read.</param>
    /// <param name="RunId">The run id, where known before reading the checkpoint.</param>
    internal sealed record Source(string Config, string Checkpoint, string? RunId);

    public Source Location { get; }
    public ExperimentDefinition Experiment { get; }
    public IModelPlugin ModelPlugin { get; }
    public IDatasetPlugin DatasetPlugin { get; }
    public TrainedModel Trained { get; }

    /// <summary>The run's CPU thread count (training.threads), which libtorch now uses.</summary>
    public int Threads => Experiment.Training.ResolvedThreads;

    /// <summary>A context for drawing from or evaluating the restored model on the CPU, outside any training run: the run's
    /// evaluation batch size, its plugin's logger, artifacts written to <paramref name="folder"/>.</summary>
    /// <param name="setTag">Where the model's tags go (the run's MLflow tags during training).</param>
    public RunContext NewContext(Generator generator, string folder, Action<string, string> setTag) =>
        new(CPU, generator, Trained.Data, 1, 1, Experiment.Training.ResolvedEvalBatchSize, _loggers.CreateLogger("Plugin." + ModelPlugin.Name),
            new RunArtifactSink(folder, tracker: null), setTag);

    /// <summary>The override prefix accepted: the model's options. Training and data stay the run's, or the weights would
    /// not be the ones the run trained (nor the test split the one it was scored on).</summary>
    private static readonly string ModelPrefix = ExperimentSections.Model.Key + ".";

    /// <summary>
    /// Opens <paramref name="target"/> (a run folder, a checkpoint in one, or a run id in the local store), or writes why
    /// it cannot to <paramref name="error"/> and returns null with the exit code to end with.
    /// </summary>
    /// <param name="overrides">--set model.KEY=VALUE applied to the run's configuration before the model is rebuilt;
    /// any other key is refused.</param>
    public static TrainedRun? Open(string target, string store, IReadOnlyList<string> overrides, IExperimentLoader loader, IPluginCatalog catalog,
        HostSettings settings, ILoggerFactory loggers, TextWriter error, out int exitCode)
    {
        exitCode = ExitCodes.Usage;
        if (overrides.FirstOrDefault(o => !o.StartsWith(ModelPrefix, StringComparison.Ordinal)) is { } foreign)
        {
            error.WriteLine($"error: --set {foreign}: only the model's options change here (--set model.KEY=VALUE, such as " +
                            "model.sampler=ddim); the training and the data are the run's.");
            return null;
        }

        var source = Locate(target, store, out var problem);
        if (source is null)
        {
            error.WriteLine($"{target}: error: {problem}");
            return null;
        }

        var loaded = loader.Load(source.Config, overrides);
        if (!loaded.IsValid)
        {
            exitCode = ExperimentErrorPrinter.Print(error, loaded.Errors);
            return null;
        }

        var experiment = loaded.Definition!;
        var modelPlugin = catalog.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = catalog.FindDataset(experiment.Dataset.PluginName)!;
        TorchSharp.torch.set_num_threads(experiment.Training.ResolvedThreads);
        try
        {
            var trained = TrainedModel.Restore(experiment, modelPlugin, datasetPlugin, source.Checkpoint, settings.ResolvedCacheDirectory, loggers);
            exitCode = ExitCodes.Success;
            return new TrainedRun(source, experiment, modelPlugin, datasetPlugin, trained, loggers);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or System.Text.Json.JsonException)
        {
            // An override that reshapes the network (model.channels, ...) cannot take the run's weights: say which file refused.
            var with = overrides.Count > 0 ? " with " + string.Join(" ", overrides.Select(o => "--set " + o)) : "";
            error.WriteLine($"{source.Checkpoint}: error: cannot restore the model{with}: {e.Message}");
            return null;
        }
    }

    /// <summary>The configuration and checkpoint of a run folder (or a checkpoint in one), or of a run id in the local store.</summary>
    internal static Source? Locate(string target, string store, out string? problem)
    {
        problem = null;
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full) || File.Exists(full))
        {
            var folder = RunInvocation.RunFolderOf(full);
            var config = Path.Combine(folder, "config.yaml");
            var checkpoint = File.Exists(full) ? full : Path.Combine(folder, "checkpoints", "last.ckpt");
            if (!File.Exists(config))
                problem = $"{folder} is not a run folder (it has no config.yaml).";
            else if (!File.Exists(checkpoint))
                problem = $"{folder} has no checkpoint yet (checkpoints/last.ckpt).";
            return problem is null ? new Source(config, checkpoint, null) : null;
        }

        if (target.Length != 32 || !target.All(char.IsAsciiHexDigit))
        {
            problem = "neither a run folder (runs/<experiment>/<time>), a checkpoint, nor a run id (32 hex characters).";
            return null;
        }

        var path = store.StartsWith("sqlite:///", StringComparison.Ordinal) ? store["sqlite:///".Length..] : store;
        if (!File.Exists(path))
        {
            problem = $"no MLflow store at {Path.GetFullPath(path)} to look the run id up in; give --store, or the run folder.";
            return null;
        }

        using var sqlite = SqliteTrackingStore.Open(path);
        Tracking.RunInfo run;
        try
        {
            run = sqlite.GetRun(target);
        }
        catch (Tracking.TrackingException e)
        {
            problem = e.Message;
            return null;
        }

        var storedConfig = sqlite.ArtifactFilePath(run, "config.yaml");
        var final = sqlite.ArtifactFilePath(run, "checkpoints/final.ckpt");
        if (!File.Exists(storedConfig) || !File.Exists(final))
        {
            problem = $"run {target} has no {(File.Exists(storedConfig) ? "final checkpoint" : "config.yaml")} among its artifacts " +
                      $"({Path.GetDirectoryName(storedConfig)}): it has not finished; open its run folder to use its latest checkpoint.";
            return null;
        }

        return new Source(storedConfig, final, run.RunId);
    }

    public void Dispose() => Trained.Dispose();
}
