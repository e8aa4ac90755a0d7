using System.Diagnostics;
using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Cli;

/// <summary>
/// <c>evaluate RUN [--set model.KEY=VALUE]... [--seed S] [-o FOLDER]</c>: runs a trained run's evaluation again on the
/// test split (with its weight average where it kept one, as the run's own evaluation did) and prints the metrics and
/// tags it reports, without training or touching the run. <c>--set model.*</c> changes how the model evaluates on the
/// same weights: a tighter estimate (a diffusion bound from more timesteps, an RBM's partition function from more AIS
/// chains) or another sampler for the model's own sample checks.
/// </summary>
internal sealed class EvaluateCommand(IExperimentLoader loader, IPluginCatalog catalog, HostSettings settings, ILoggerFactory loggers)
{
    public int Execute(string target, IReadOnlyList<string> overrides, long? seed, string? output, string store, TextWriter console, TextWriter error)
    {
        using var run = TrainedRun.Open(target, store, overrides, loader, catalog, settings, loggers, error, out int exitCode);
        if (run is null)
            return exitCode;

        var (experiment, trained, threads) = (run.Experiment, run.Trained, run.Threads);
        var folder = Path.GetFullPath(output ?? RunFolder.ExperimentDirectoryName(experiment.Name) + "-evaluation");
        Directory.CreateDirectory(folder);
        var evaluationSeed = seed ?? SeedStreams.Derive(experiment.Training.Seed, SeedStreams.Evaluation);
        using var generator = new Generator((ulong)evaluationSeed, CPU);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var context = run.NewContext(generator, folder, (key, value) => tags[key] = value);
        (context.GlobalStep, context.Epoch, context.IsFinal) = (trained.Header.GlobalStep, trained.Header.Epoch, true);

        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, double> metrics;
        using (NewDisposeScope())
        using (no_grad())
        using (trained.UseAveragedWeights())
            metrics = trained.Model.Evaluate(context);
        clock.Stop();

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Evaluated {run.Location.Checkpoint} (step {trained.Header.GlobalStep}, seed {evaluationSeed}) in {clock.Elapsed.TotalSeconds:F1} s on {threads} thread(s)"));
        var rows = new List<string[]> { new[] { "METRIC", "VALUE" } };
        rows.AddRange(metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new[] { "  " + m.Key, m.Value.ToString("G6", CultureInfo.InvariantCulture) }));
        rows.AddRange(tags.Select(t => new[] { "  tag " + t.Key, t.Value }));
        TextTable.Write(console, rows);
        if (Directory.EnumerateFileSystemEntries(folder).Any())
            console.WriteLine($"  artifacts: {folder}");
        else
            Directory.Delete(folder);
        return ExitCodes.Success;
    }
}
