using System.Diagnostics;
using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Tracking;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Cli;

/// <summary>
/// <c>run FILE [--set k=v]... [--resume RUN_FOLDER]</c>: validate, open the tracking store, train, record the outcome.
/// Nothing is created (no run folder, no MLflow run) unless the file is valid and the device exists.
/// A file with a <c>sweep</c> section runs as a sweep (what <c>sweep run FILE</c> does).
/// </summary>
internal sealed class RunCommand(
    IExperimentLoader loader,
    IPluginCatalog catalog,
    Trainer trainer,
    TrackingStoreFactory trackingFactory,
    HostSettings settings,
    RunLogSink runLog,
    GlobalOptions options,
    Lazy<SweepRunCommand> sweepRun,
    ILogger<RunCommand> logger)
{
    public int Execute(string file, IReadOnlyList<string> overrides, string? resume, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var processStart = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        var loaded = loader.Load(file, overrides);
        if (!loaded.IsValid)
            return ExperimentErrorPrinter.Print(error, loaded.Errors);
        var experiment = loaded.Definition!;
        if (experiment.Sweep is not null)
        {
            // A file that declares a sweep runs as one: the user should not have to know which verb a file needs.
            if (resume is null)
                return sweepRun.Value.Execute(file, overrides, parallel: 0, launcher: null, resume: false, output, error, cancellation);
            error.WriteLine($"{file}: error: --resume RUN_FOLDER continues one run, but this file declares a sweep; run 'run {file}' " +
                            "again (or 'sweep resume') to continue the sweep: finished trials are skipped, stopped ones resume from their checkpoints.");
            return ExitCodes.Usage;
        }

        StartupTimeline.Mark(logger, "experiment validated");
        // git takes a few process starts: ask it now, on another core, while the store and the data are prepared.
        var git = Task.Run(() => GitProbe.Inspect(Path.GetDirectoryName(experiment.SourcePath)!));
        var modelPlugin = catalog.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = catalog.FindDataset(experiment.Dataset.PluginName)!;

        Device device;
        try
        {
            device = DeviceResolver.Resolve(experiment.Training.Device);
        }
        catch (DeviceUnavailableException e)
        {
            error.WriteLine($"{file}: error: {e.Message}");
            return ExitCodes.Usage;
        }

        ResumePoint? resumePoint = null;
        if (resume is not null)
        {
            resumePoint = ResumePoint.Find(resume, experiment, modelPlugin.Name,
                config => File.Exists(config) ? loader.Load(config, []).Definition?.FlatParameters : null, out string? problem);
            if (resumePoint is null)
            {
                error.WriteLine($"{resume}: error: {problem}");
                return ExitCodes.Usage;
            }
        }

        var target = trackingFactory.Resolve(experiment);
        using var tracker = trackingFactory.Open(target);
        StartupTimeline.Mark(logger, "tracking store open");
        var folder = resumePoint?.Folder ?? RunFolder.Create(settings.RunsDirectory, experiment.Name, DateTimeOffset.UtcNow);
        File.WriteAllText(folder.ConfigFile, experiment.ResolvedYaml);
        if (resumePoint is null)
            new RunInvocation(Environment.CurrentDirectory, options.PluginFolders.Select(Path.GetFullPath).ToList(), experiment.SourcePath, experiment.Overrides).Write(folder.Path);
        runLog.Open(folder.LogFile);
        try
        {
            string runName = string.IsNullOrWhiteSpace(experiment.Tracking.RunName)
                ? $"{experiment.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"
                : experiment.Tracking.RunName;
            var tags = RunTags.For(experiment, runName, catalog, modelPlugin, datasetPlugin, device, git.GetAwaiter().GetResult());
            using var run = tracker.StartRun(new RunStartRequest(target.ExperimentName, runName, tags, ResumeRunId: resumePoint?.RunId)
            {
                SystemMetrics = experiment.Tracking.SystemMetrics,
            });
            if (resumePoint is null)
                run.LogParams(experiment.FlatParameters);
            else if (resumePoint.AddedOptions.Count > 0)
            {
                logger.LogInformation("The checkpoint predates {Options}; the run continues with {Them} as logged now",
                    string.Join(", ", resumePoint.AddedOptions.Select(o => $"{o.Key} ({o.Value})")), resumePoint.AddedOptions.Count == 1 ? "its default" : "their defaults");
                run.LogParams(resumePoint.AddedOptions);
            }
            run.LogArtifact(folder.ConfigFile, "config.yaml");
            StartupTimeline.Mark(logger, "run created");

            var resumeCommand = ResumeCommand(folder);
            var request = new TrainingRequest(experiment, modelPlugin, datasetPlugin, device, folder, run,
                settings.ResolvedCacheDirectory, resumePoint?.Checkpoint, processStart)
            {
                ModelPluginVersion = catalog.OwnerOf(modelPlugin)?.Manifest.Version ?? "unknown",
                ResumeHint = resumeCommand,
            };
            var outcome = trainer.Run(request, cancellation);

            RunCompletion.Record(run, folder, experiment, target.Uri, outcome, runLog);
            RunSummary.Print(output, experiment, folder, run.RunId, target.Uri, outcome, resumeCommand);
            return RunCompletion.ExitCode(outcome.Status);
        }
        finally
        {
            runLog.Close();
        }
    }

    /// <summary>A command that continues this run as printed, from any directory: the run folder form, which takes the
    /// run's configuration and plugin folders from the folder itself.</summary>
    private static string ResumeCommand(RunFolder folder)
    {
        var invocation = Sweeps.HostInvocation.Current(new GlobalOptions([], Verbose: false));
        return Internal.ShellWords.Join([invocation.FileName, .. invocation.Prefix, "run", "--resume", folder.Path]);
    }
}
