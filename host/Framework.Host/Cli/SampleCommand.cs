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
    public int Execute(string target, int count, IReadOnlyList<string> overrides, long? seed, string? output, string store, TextWriter console, TextWriter error)
    {
        using var run = TrainedRun.Open(target, store, overrides, loader, catalog, settings, loggers, error, out int exitCode);
        if (run is null)
            return exitCode;

        var (experiment, trained, threads) = (run.Experiment, run.Trained, run.Threads);
        var requested = Path.GetFullPath(output ?? RunFolder.ExperimentDirectoryName(experiment.Name) + "-samples.npy");
        var stem = requested.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? requested[..^".npy".Length] : requested;
        var folder = Path.GetDirectoryName(stem)!;
        Directory.CreateDirectory(folder);
        var samplingSeed = seed ?? SeedStreams.Derive(experiment.Training.Seed, SeedStreams.Sampling);
        using var generator = new Generator((ulong)samplingSeed, CPU);
        var context = run.NewContext(generator, folder, (_, _) => { });

        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        Tensor samples;
        using (no_grad())
        using (trained.UseAveragedWeights())
            samples = trained.Model.Sample(count, context);
        clock.Stop();

        var grid = DrawnSamples.Save(context.Artifacts, samples, trained.Data, Path.GetFileName(stem), keepArray: true, context.Logger);
        var observables = trained.Data.Observables?.Compute(samples) ?? new Dictionary<string, double>();

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Drew {samples.shape[0]} samples from {run.Location.Checkpoint} (step {trained.Header.GlobalStep}, seed {samplingSeed}) in {clock.Elapsed.TotalSeconds:F1} s, " +
            $"{clock.Elapsed.TotalMilliseconds / Math.Max(1, samples.shape[0]):F2} ms each, on {threads} thread(s)"));
        if (observables.Count > 0)
        {
            var rows = new List<string[]> { new[] { "OBSERVABLE", "VALUE" } };
            rows.AddRange(observables.OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => new[] { "  samples/" + o.Key, o.Value.ToString("G6", CultureInfo.InvariantCulture) }));
            TextTable.Write(console, rows);
        }

        console.WriteLine($"  samples: {stem}.npy{(grid ? "\n  grid:    " + stem + ".png" : "")}");

        return ExitCodes.Success;
    }
}
