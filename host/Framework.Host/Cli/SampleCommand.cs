using System.Diagnostics;
using System.Globalization;
using Framework.Contracts.Data;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Training;
using Framework.Host.Training.Parts;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sample RUN [--count N] [--set model.KEY=VALUE]... [--seed S] [-o FILE.npy]</c>: draws samples from a trained run
/// (the weight average where the run kept one, as its own sampling did) without training, writes them as .npy with an
/// image grid beside them, and prints the dataset's observables of them (a Fréchet distance, Ising energy, ...) and the
/// time per sample. <c>--set model.*</c> changes how the model samples (e.g. <c>model.sampler=ddim
/// model.sampling_steps=100</c>) on the same weights, so samplers are compared without training twice.
/// </summary>
internal sealed class SampleCommand(IExperimentLoader loader, IPluginCatalog catalog, HostSettings settings, ILoggerFactory loggers)
{
    /// <summary>The override prefix sample accepts: the model's options. Training and data stay the run's, or the weights
    /// would not be the ones the run trained.</summary>
    private static readonly string ModelPrefix = ExperimentSections.Model.Key + ".";

    public int Execute(string target, int count, IReadOnlyList<string> overrides, long? seed, string? output, string store, TextWriter console, TextWriter error)
    {
        if (overrides.FirstOrDefault(o => !o.StartsWith(ModelPrefix, StringComparison.Ordinal)) is { } foreign)
        {
            error.WriteLine($"error: --set {foreign}: sample changes the model's options only (--set model.KEY=VALUE, such as " +
                            "model.sampler=ddim); the training and the data are the run's.");
            return ExitCodes.Usage;
        }

        var source = ExportCommand.Locate(target, store, out var problem);
        if (source is null)
        {
            error.WriteLine($"{target}: error: {problem}");
            return ExitCodes.Usage;
        }

        var loaded = loader.Load(source.Config, overrides);
        if (!loaded.IsValid)
            return ExperimentErrorPrinter.Print(error, loaded.Errors);
        var experiment = loaded.Definition!;
        var modelPlugin = catalog.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = catalog.FindDataset(experiment.Dataset.PluginName)!;

        TrainedModel trained;
        try
        {
            trained = TrainedModel.Restore(experiment, modelPlugin, datasetPlugin, source.Checkpoint, settings.ResolvedCacheDirectory, loggers);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or System.Text.Json.JsonException)
        {
            // A --set that reshapes the network (model.channels, ...) cannot take the run's weights: say which file refused.
            error.WriteLine($"{source.Checkpoint}: error: cannot restore the model{(overrides.Count > 0 ? " with " + string.Join(" ", overrides.Select(o => "--set " + o)) : "")}: {e.Message}");
            return ExitCodes.Usage;
        }

        using (trained)
        {
            int threads = experiment.Training.Threads > 0 ? experiment.Training.Threads : Environment.ProcessorCount;
            torch.set_num_threads(threads);
            var path = Path.GetFullPath(output ?? RunFolder.ExperimentDirectoryName(experiment.Name) + "-samples.npy");
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            var samplingSeed = seed ?? SeedStreams.Derive(experiment.Training.Seed, SeedStreams.Sampling);
            using var generator = new Generator((ulong)samplingSeed, CPU);
            var context = new RunContext(CPU, generator, trained.Data, 1, 1, experiment.Training.EvalBatchSize > 0 ? experiment.Training.EvalBatchSize : experiment.Training.BatchSize,
                loggers.CreateLogger("Plugin." + modelPlugin.Name), new RunArtifactSink(folder, tracker: null), (_, _) => { });

            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            Tensor samples;
            using (no_grad())
            using (trained.UseAveragedWeights())
                samples = trained.Model.Sample(count, context);
            clock.Stop();

            File.WriteAllBytes(path, NpyWriter.Encode(samples));
            var grid = WriteGrid(samples, trained.Data, path);
            var observables = trained.Data.Observables?.Compute(samples) ?? new Dictionary<string, double>();

            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Drew {samples.shape[0]} samples from {source.Checkpoint} (step {trained.Header.GlobalStep}, seed {samplingSeed}) in {clock.Elapsed.TotalSeconds:F1} s, " +
                $"{clock.Elapsed.TotalMilliseconds / Math.Max(1, samples.shape[0]):F2} ms each, on {threads} thread(s)"));
            if (observables.Count > 0)
            {
                var rows = new List<string[]> { new[] { "OBSERVABLE", "VALUE" } };
                rows.AddRange(observables.OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => new[] { "  samples/" + o.Key, o.Value.ToString("G6", CultureInfo.InvariantCulture) }));
                TextTable.Write(console, rows);
            }

            console.WriteLine($"  samples: {path}{(grid is null ? "" : "\n  grid:    " + grid)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Draws the first <see cref="Loop.GridLimit"/> samples as a PNG beside the .npy, for data that are images.</summary>
    private static string? WriteGrid(Tensor samples, Dataset data, string npyPath)
    {
        if (data.Layout == SampleLayout.Vector)
            return null;
        var png = Path.ChangeExtension(npyPath, ".png");
        try
        {
            File.WriteAllBytes(png, ImageGrid.RenderPng(samples.narrow(0, 0, Math.Min(samples.shape[0], Loop.GridLimit)), 0, data.ValueRange.Min, data.ValueRange.Max));
            return png;
        }
        catch (ArgumentException)
        {
            return null;   // not drawable as images (Loop logs why during training); the .npy holds them all
        }
    }
}
