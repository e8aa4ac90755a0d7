using System.Diagnostics;
using System.Globalization;
using Framework.Host.Cli;
using Framework.Host.Experiments;
using Framework.Host.Internal;
using Framework.Host.Plugins;
using Framework.Host.Tracking;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Sweeps;

/// <summary>
/// Runs trial N of a sweep from its manifest, as one child run of the sweep's parent: the process that every
/// launcher starts (a local child process, a Slurm array task), so every trial runs the same way everywhere.
/// </summary>
/// <remarks>
/// It does the next thing the trial needs, judged from MLflow: nothing when the latest attempt FINISHED; continue a
/// RUNNING (its process died) or KILLED attempt inside the same MLflow run from its last checkpoint; otherwise start
/// a new attempt (a new child run). So running a task twice, or Slurm requeueing it, never duplicates a run.
/// </remarks>
internal sealed class TrialRunner(
    IExperimentLoader loader,
    IPluginCatalog catalog,
    Trainer trainer,
    TrackingStoreFactory trackingFactory,
    RunLogSink runLog,
    HostSettings settings,
    ILogger<TrialRunner> logger)
{
    public int Run(string manifestPath, int index, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var processStart = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        SweepManifest manifest;
        try
        {
            manifest = SweepManifest.Read(manifestPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"{manifestPath}: error: {e.Message}");
            return ExitCodes.Usage;
        }

        if (index < 0 || index >= manifest.Trials.Count)
        {
            error.WriteLine($"{manifestPath}: error: trial index {index} is out of range; the sweep has trials 0 to {manifest.Trials.Count - 1}.");
            return ExitCodes.Usage;
        }

        var entry = manifest.Trials[index];
        var loaded = loader.Load(manifest.SourcePath, [.. manifest.Overrides, .. entry.Overrides]);
        if (!loaded.IsValid)
            return ExperimentErrorPrinter.Print(error, loaded.Errors);
        var experiment = loaded.Definition!;
        if (SweepIds.Trial(experiment) != entry.Id)
        {
            error.WriteLine($"{manifest.SourcePath}: error: the file changed since sweep {manifest.SweepId} started: trial {index} " +
                            $"({string.Join(' ', entry.Overrides)}) now resolves to configuration {SweepIds.Trial(experiment)}, not {entry.Id}. " +
                            "Restore the file to finish this sweep, or start a new sweep with 'sweep run'.");
            return ExitCodes.Usage;
        }

        Device device;
        try
        {
            device = DeviceResolver.Resolve(experiment.Training.Device);
        }
        catch (DeviceUnavailableException e)
        {
            error.WriteLine($"{manifest.SourcePath}: error: trial {index}: {e.Message}");
            return ExitCodes.Usage;
        }

        // git takes a few process starts: ask it on another core while the lock, the store and the data are prepared.
        var git = Task.Run(() => GitProbe.Inspect(Path.GetDirectoryName(experiment.SourcePath)!));
        var folder = SweepFolder.OfManifest(manifestPath);
        using var trialLock = TrialLock.TryAcquire(folder.TrialDirectory(index, entry.Id));
        if (trialLock is null)
        {
            error.WriteLine($"error: trial {index} of sweep {manifest.SweepId} is already running in another process " +
                            $"(lock {Path.Combine(folder.TrialDirectory(index, entry.Id), ".lock")}); nothing was started.");
            return ExitCodes.Busy;
        }

        var target = new TrackingTarget(manifest.TrackingUri, "the sweep manifest", manifest.TrackingExperiment, "the sweep manifest");
        using var tracker = trackingFactory.Open(target);
        var store = tracker.Store;
        var experimentInfo = store.GetOrCreateExperiment(manifest.TrackingExperiment);
        var runs = new SweepRunLookup(store, experimentInfo.ExperimentId, manifest.SweepId);
        if (runs.Parent() is not { } parent)
        {
            error.WriteLine($"error: sweep {manifest.SweepId} has no parent run in {store.Location} (experiment '{manifest.TrackingExperiment}'); " +
                            $"start it with 'sweep run {manifest.SourcePath}'.");
            return ExitCodes.Usage;
        }

        var (attempt, latest) = runs.Latest(entry.Id);
        if (latest?.Status == RunStatus.Finished)
        {
            output.WriteLine($"Trial {index} of sweep {manifest.SweepId} already FINISHED (run {latest.RunId}); nothing to do.");
            return ExitCodes.Success;
        }

        if (latest?.Status == RunStatus.Killed && Search.Pruning.IsPruned(store.GetRunData(latest.RunId).Tags))
        {
            output.WriteLine($"Trial {index} of sweep {manifest.SweepId} was pruned (run {latest.RunId}); nothing to do.");
            return ExitCodes.Success;
        }

        // A RUNNING run whose lock we now hold lost its process (a crash, a node failure, SIGKILL): continue it like a KILLED one.
        var resumeRun = latest?.Status is RunStatus.Running or RunStatus.Killed ? latest : null;
        if (resumeRun is null)
            attempt++;
        var runFolder = PrepareFolder(folder.AttemptDirectory(index, entry.Id, attempt), fresh: resumeRun is null);
        string? checkpoint = resumeRun is null ? null : UsableCheckpoint(runFolder, resumeRun.RunId, entry.Id);

        var modelPlugin = catalog.FindModel(experiment.Model.PluginName)!;
        var datasetPlugin = catalog.FindDataset(experiment.Dataset.PluginName)!;
        File.WriteAllText(runFolder.ConfigFile, experiment.ResolvedYaml);
        runLog.Open(runFolder.LogFile);
        try
        {
            string runName = RunName(index, entry);
            var tags = RunTags.For(experiment, runName, catalog, modelPlugin, datasetPlugin, device, git.GetAwaiter().GetResult());
            foreach (var (key, value) in TrialTags(manifest, entry, attempt))
                tags[key] = value;
            logger.TrialStarting(index, manifest.SweepId, attempt, resumeRun is null ? "new run" : checkpoint is null ? "same run, from the start" : "same run, from its checkpoint", string.Join(' ', entry.Overrides));
            using var run = tracker.StartRun(new RunStartRequest(manifest.TrackingExperiment, runName, tags, ParentRunId: parent.RunId, ResumeRunId: resumeRun?.RunId)
            {
                SystemMetrics = experiment.Tracking.SystemMetrics,
            });
            run.LogParams(experiment.FlatParameters);
            run.LogArtifact(runFolder.ConfigFile, "config.yaml");

            var request = new TrainingRequest(experiment, modelPlugin, datasetPlugin, device, runFolder, run,
                settings.ResolvedCacheDirectory, checkpoint, processStart)
            {
                ModelPluginVersion = catalog.OwnerOf(modelPlugin)?.Manifest.Version ?? "unknown",
                Pruning = experiment.Sweep is { Settings.Pruner: not PrunerKind.None } spec
                    ? new Search.TrialPruningCheck(store, runs, manifestPath, index, spec, resumeRun?.RunId).Hook
                    : null,
                ResumeHint = $"sweep resume {manifest.SourcePath}{string.Concat(manifest.Overrides.Select(o => $" --set {o}"))} (finished trials are skipped)",
            };
            var outcome = trainer.Run(request, cancellation);

            RunCompletion.Record(run, runFolder, experiment, manifest.TrackingUri, outcome, runLog);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trial {index} {outcome.Status.ToString().ToUpperInvariant()} after {outcome.GlobalStep} steps in {outcome.Elapsed:hh\\:mm\\:ss\\.f} (run {run.RunId}, attempt {attempt})"));
            if (outcome.Error is { } shown)
                output.WriteLine($"  error: {shown.Message}");
            // A pruned trial is done: its process succeeded, whatever its run's status says.
            return outcome.Pruned ? ExitCodes.Success : RunCompletion.ExitCode(outcome.Status);
        }
        finally
        {
            runLog.Close();
        }
    }

    private static RunFolder PrepareFolder(string path, bool fresh)
    {
        // A new attempt starts clean: a folder left by an attempt that died before its run existed holds nothing to keep.
        if (fresh && Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return RunFolder.Open(path);
    }

    private string? UsableCheckpoint(RunFolder folder, string runId, string trialId)
    {
        if (!File.Exists(folder.LastCheckpoint))
            return null;
        try
        {
            var header = CheckpointFile.ReadHeader(folder.LastCheckpoint);
            if (header.RunId == runId && header.ConfigHash == trialId)
                return folder.LastCheckpoint;
            logger.LogWarning("Checkpoint {Checkpoint} belongs to run {CheckpointRun}, not {Run}; the trial restarts from the beginning", folder.LastCheckpoint, header.RunId, runId);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Checkpoint {Checkpoint} is unreadable ({Reason}); the trial restarts from the beginning", folder.LastCheckpoint, e.Message);
        }

        return null;
    }

    private static Dictionary<string, string> TrialTags(SweepManifest manifest, ManifestTrial entry, int attempt)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SweepTags.SweepId] = manifest.SweepId,
            [SweepTags.Trial] = entry.Index.ToString(CultureInfo.InvariantCulture),
            [SweepTags.TrialId] = entry.Id,
            [SweepTags.Configuration] = entry.ConfigurationId,
            [SweepTags.ConfigHash] = entry.Id,
            [SweepTags.Attempt] = attempt.ToString(CultureInfo.InvariantCulture),
            [SweepTags.TrialKey] = SweepTags.TrialKeyOf(manifest.SweepId, entry.Id, attempt),
        };
        if (Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") is { Length: > 0 } job)
        {
            tags[SweepTags.SlurmJobId] = $"{job}_{Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID")}";
            tags[SweepTags.SlurmRestarts] = Environment.GetEnvironmentVariable("SLURM_RESTART_COUNT") is { Length: > 0 } restarts ? restarts : "0";
        }

        return tags;
    }

    /// <summary><c>t003 hidden=16 lr=0.1 seed=2</c>: the index, then each swept key's last segment and value.</summary>
    private static string RunName(int index, ManifestTrial entry)
    {
        var values = entry.Overrides.Select(o =>
        {
            int equals = o.IndexOf('=', StringComparison.Ordinal);
            string key = o[..equals];
            return $"{key[(key.LastIndexOf('.') + 1)..]}={o[(equals + 1)..]}";
        });
        string name = string.Create(CultureInfo.InvariantCulture, $"t{index:D3} {string.Join(' ', values)}");
        return name.Length <= 200 ? name : name[..200];
    }

}
