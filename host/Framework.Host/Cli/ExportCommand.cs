using System.Diagnostics;
using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Internal;
using Framework.Host.Plugins;
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
    public int Execute(string target, string format, string? output, string store, ExportWeights weights, TextWriter console, TextWriter error)
    {
        if (!string.Equals(format, "pytorch", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"error: unknown export format '{format}'; allowed: pytorch.");
            return ExitCodes.Usage;
        }

        var clock = Stopwatch.StartNew();
        using var run = TrainedRun.Open(target, store, [], loader, catalog, settings, loggers, error, out int exitCode);
        if (run is null)
            return exitCode;

        var (experiment, modelPlugin, datasetPlugin, trained) = (run.Experiment, run.ModelPlugin, run.DatasetPlugin, run.Trained);
        if (PyTorchExport.Unsupported(trained.Model, modelPlugin.Name) is { } unsupported)
        {
            error.WriteLine($"error: {unsupported}");
            return ExitCodes.Usage;
        }

        var path = Path.GetFullPath(output ?? RunFolder.ExperimentDirectoryName(experiment.Name) + ".pt");
        var header = trained.Header;
        var result = PyTorchExport.Write(trained.Model, modelPlugin.Name, trained.Services, weights, trained.Data, path, written =>
            new ExportSidecar(modelPlugin.Name, header.ModelPluginVersion, experiment.Model.Options, datasetPlugin.Name,
                experiment.Dataset.Options, written, experiment.Name, header.RunId ?? run.Location.RunId, header.Epoch, header.GlobalStep));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {result.StatePath} ({result.Tensors} tensors, {result.Bytes} bytes, {Describe(result.Weights, experiment)}) and {result.SidecarPath} in {clock.Elapsed.TotalSeconds:F1} s"));
        console.WriteLine("load it in PyTorch with torch.load(path, weights_only=True); docs/export-to-pytorch.md rebuilds each bundled model.");

        return ExitCodes.Success;
    }

    private static string Describe(string weights, ExperimentDefinition experiment) => weights == "averaged"
        ? string.Create(CultureInfo.InvariantCulture, $"the weight average of training.ema, decay {experiment.Training.Ema.Decay}")
        : "the trained weights";
}
