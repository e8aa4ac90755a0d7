using System.Diagnostics;
using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Tracking.Sqlite;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Cli;

/// <summary>
/// <c>export RUN_ID|RUN_FOLDER --format pytorch [-o FILE.pt]</c>: rebuilds a run's model from its checkpoint through its
/// plugin and writes its weights as a PyTorch state_dict with a JSON description beside it (docs/export-to-pytorch.md).
/// A run folder gives its latest checkpoint (the final one once the run has finished); a run id gives the final
/// checkpoint stored with the run in the local MLflow store.
/// </summary>
internal sealed class ExportCommand(IExperimentLoader loader, IPluginCatalog catalog, HostSettings settings, ILoggerFactory loggers)
{
    /// <summary>Where a run's configuration and checkpoint are, and what the export calls it.</summary>
    /// <param name="Config">The run's resolved configuration (config.yaml).</param>
    /// <param name="Checkpoint">The checkpoint to export.</param>
    /// <param name="RunId">The run id, where known before reading the checkpoint.</param>
    internal sealed record Source(string Config, string Checkpoint, string? RunId);

    public int Execute(string target, string format, string? output, string store, ExportWeights weights, TextWriter console, TextWriter error)
    {
        if (!string.Equals(format, "pytorch", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"error: unknown export format '{format}'; allowed: pytorch.");
            return ExitCodes.Usage;
        }

        var source = Locate(target, store, out var problem);
        if (source is null)
        {
            error.WriteLine($"{target}: error: {problem}");
            return ExitCodes.Usage;
        }

        var loaded = loader.Load(source.Config, []);
        if (!loaded.IsValid)
            return ExperimentErrorPrinter.Print(error, loaded.Errors);
        var experiment = loaded.Definition!;
        var modelPlugin = catalog.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = catalog.FindDataset(experiment.Dataset.PluginName)!;

        var clock = Stopwatch.StartNew();
        TrainedModel trained;
        try
        {
            trained = TrainedModel.Restore(experiment, modelPlugin, datasetPlugin, source.Checkpoint, settings.ResolvedCacheDirectory, loggers);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            error.WriteLine($"{source.Checkpoint}: error: cannot restore the model: {e.Message}");
            return ExitCodes.Usage;
        }

        using (trained)
        {
            if (PyTorchExport.Unsupported(trained.Model, modelPlugin.Name) is { } unsupported)
            {
                error.WriteLine($"error: {unsupported}");
                return ExitCodes.Usage;
            }

            var path = Path.GetFullPath(output ?? RunFolder.ExperimentDirectoryName(experiment.Name) + ".pt");
            var header = trained.Header;
            var result = PyTorchExport.Write(trained.Model, modelPlugin.Name, trained.Services, weights, trained.Data, path, written =>
                new ExportSidecar(modelPlugin.Name, header.ModelPluginVersion, experiment.Model.Options, datasetPlugin.Name,
                    experiment.Dataset.Options, written, experiment.Name, header.RunId ?? source.RunId, header.Epoch, header.GlobalStep));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {result.StatePath} ({result.Tensors} tensors, {result.Bytes} bytes, {Describe(result.Weights, experiment)}) and {result.SidecarPath} in {clock.Elapsed.TotalSeconds:F1} s"));
            console.WriteLine("load it in PyTorch with torch.load(path, weights_only=True); docs/export-to-pytorch.md rebuilds each bundled model.");
        }

        return ExitCodes.Success;
    }

    private static string Describe(string weights, ExperimentDefinition experiment) => weights == "averaged"
        ? string.Create(CultureInfo.InvariantCulture, $"the weight average of training.ema, decay {experiment.Training.Ema.Decay}")
        : "the trained weights";

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
                      $"({Path.GetDirectoryName(storedConfig)}): it has not finished; export its run folder to use its latest checkpoint.";
            return null;
        }

        return new Source(storedConfig, final, run.RunId);
    }
}
