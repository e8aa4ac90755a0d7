using System.Diagnostics;
using System.Globalization;
using Framework.Contracts.Data;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Tracking;
using Framework.Host.Training.Parts;
using Framework.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>
/// The training loop: epochs of shuffled batches kept on the device, one dispose scope per step, scalars read back
/// only every <c>log_every</c> steps, evaluation, sampling and checkpoints on schedule. The model supplies the steps;
/// the host's training services supply its optimisers; small parts (<see cref="ITrainingPart"/>) log learning rates,
/// average weights and stop early.
/// </summary>
internal sealed class Trainer
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<Trainer> _logger;
    private readonly Func<IProgressDisplay> _progressFactory;

    public Trainer(ILoggerFactory loggerFactory, Func<IProgressDisplay>? progressFactory = null)
    {
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Trainer>();
        _progressFactory = progressFactory ?? DefaultProgress;
    }

    public TrainingOutcome Run(TrainingRequest request, CancellationToken cancellation)
    {
        var settings = request.Experiment.Training;
        var clock = Stopwatch.StartNew();
        var state = new LoopState(request.Tracker, settings.Epochs);
        double? secondsToFirstStep = null;
        int threads = settings.ResolvedThreads;
        torch.set_num_threads(threads);
        torch.manual_seed(SeedStreams.Derive(settings.Seed, SeedStreams.ModelInit));

        ActiveRun? run = null;
        using var generator = new Generator((ulong)SeedStreams.Derive(settings.Seed, SeedStreams.StepGenerator), request.Device);
        try
        {
            run = Prepare(request, generator, state, threads);
            using var progress = _progressFactory();
            var rate = new StepRate();
            var sinceFlush = Stopwatch.StartNew();
            for (int epoch = run.Start.Epoch; epoch < settings.Epochs && state.StopReason is null; epoch++)
            {
                var samplesPerSecond = TrainEpoch(request, run, state, epoch, cancellation, () =>
                {
                    if (secondsToFirstStep is null)
                    {
                        secondsToFirstStep = (DateTimeOffset.UtcNow - request.ProcessStart).TotalSeconds;
                        Internal.StartupTimeline.Mark(_logger, "first step done");
                    }

                    progress.Report(new ProgressSnapshot(epoch, settings.Epochs, state.GlobalStep, run.Context.TotalSteps, rate.Tick(state.GlobalStep), state.Latest));
                });
                if (samplesPerSecond is not { } throughput)
                    return Outcome(RunStatus.Killed, null);
                EndEpoch(request, run, state, epoch, throughput, sinceFlush);
            }

            if (state.Pruned)
            {
                EndPruned(request, run, state);
                return Outcome(RunStatus.Killed, null) with { Pruned = true };
            }

            Finish(request, run, state, secondsToFirstStep);
            return Outcome(RunStatus.Finished, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A plugin's failure ends this run as FAILED with the reason; the host process and other trials go on.
            _logger.RunFailed(request.Tracker.RunId, state.GlobalStep, e.Message, e);
            return Outcome(RunStatus.Failed, e);
        }
        finally
        {
            run?.Dispose();
        }

        TrainingOutcome Outcome(RunStatus status, Exception? error) =>
            new(status, state.GlobalStep, new Dictionary<string, double>(state.Latest), clock.Elapsed, secondsToFirstStep, error);
    }

    /// <summary>Loads the data, builds the model with its training services and the loop's parts, and restores a checkpoint.</summary>
    private ActiveRun Prepare(TrainingRequest request, Generator generator, LoopState state, int threads)
    {
        var settings = request.Experiment.Training;
        var data = LoadData(request);
        Internal.StartupTimeline.Mark(_logger, "data loaded");
        long stepsPerEpoch = ExperimentData.StepsPerEpoch(data, settings.BatchSize);
        var options = request.Experiment.Model.Options;
        var run = new ActiveRun(data, new TrainingServices(ServicesFromExperiment.Settings(settings, request.ModelPlugin.OptimizerGroups(options), stepsPerEpoch)))
        {
            StepsPerEpoch = stepsPerEpoch,
        };
        try
        {
            var modelLogger = _loggerFactory.CreateLogger("Plugin." + request.ModelPlugin.Name);
            run.Artifacts = new RunArtifactSink(request.Folder.ArtifactDirectory, request.Tracker);
            run.Context = new RunContext(request.Device, generator, data, stepsPerEpoch, settings.Epochs,
                settings.ResolvedEvalBatchSize, modelLogger, run.Artifacts,
                (key, value) => request.Tracker.SetTags(new Dictionary<string, string> { [key] = value }));
            run.Model = request.ModelPlugin.Create(options, new ModelContext(
                request.Device, generator, data, run.Services, settings.BatchSize, stepsPerEpoch, settings.Epochs, modelLogger));
            run.Services.CompleteRegistration();
            Internal.StartupTimeline.Mark(_logger, "model created");

            if (request.Experiment.Tracking.Export != ExportFormat.None && PyTorchExport.Unsupported(run.Model, request.ModelPlugin.Name) is { } unsupported)
                throw new NotSupportedException($"tracking.export: {unsupported}");
            var parts = Parts(settings, run.Services, request.Pruning);
            run.Checkpoints = new RunCheckpoints(request, generator, run.Model, run.Services, parts, _logger);
            run.Loop = new Loop(run.Model, run.Services, parts, run.Context, state, threads);
            if (request.ResumeCheckpoint is { } checkpoint)
            {
                var header = run.Checkpoints.Restore(checkpoint);
                (run.Start, state.GlobalStep) = ((header.Epoch, header.StepInEpoch), header.GlobalStep);
                _logger.RunResumed(checkpoint, header.Epoch + 1, state.GlobalStep);
            }
            else
            {
                LogDataObservables(data, request.Tracker);
            }

            run.Context.GlobalStep = state.GlobalStep;
            _logger.RunStarted(request.Tracker.RunId, request.ModelPlugin.Name, request.DatasetPlugin.Name, settings.Epochs,
                stepsPerEpoch, request.Device.ToString(), threads, settings.Seed);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Trains one epoch (from the resumed step in the first); returns its throughput in samples per second, or
    /// null when it was interrupted (after writing a checkpoint).</summary>
    private double? TrainEpoch(TrainingRequest request, ActiveRun run, LoopState state, int epoch, CancellationToken cancellation, Action afterStep)
    {
        var settings = request.Experiment.Training;
        state.Epoch = run.Context.Epoch = epoch;
        using var order = EpochOrder(settings.Seed, epoch, run.Examples, request.Device);
        var epochClock = Stopwatch.StartNew();
        long samples = 0;
        for (long step = epoch == run.Start.Epoch ? run.Start.Step : 0; step < run.StepsPerEpoch; step++)
        {
            if (cancellation.IsCancellationRequested)
            {
                run.Loop.UseConfiguredThreads();
                run.Checkpoints.Save(epoch, step, state.GlobalStep);
                if (request.ResumeHint is { } hint)
                    _logger.RunInterruptedWithHint(state.GlobalStep, request.Folder.LastCheckpoint, hint);
                else
                    _logger.RunInterrupted(state.GlobalStep, request.Folder.LastCheckpoint, request.Experiment.SourcePath, request.Folder.Path);
                return null;
            }

            long start = step * settings.BatchSize;
            long size = Math.Min(settings.BatchSize, run.Examples - start);
            run.Loop.TrainStep(run.Data, order, start, size, lastInEpoch: step == run.StepsPerEpoch - 1, settings.LogEvery);
            samples += size;
            afterStep();
        }

        return samples / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);
    }

    /// <summary>After an epoch: its metrics, then evaluation, sampling and a checkpoint when they are due.</summary>
    private void EndEpoch(TrainingRequest request, ActiveRun run, LoopState state, int epoch, double samplesPerSecond, Stopwatch sinceFlush)
    {
        var settings = request.Experiment.Training;
        state.Log(new Dictionary<string, double> { ["epoch"] = epoch + 1, ["throughput/samples_per_s"] = samplesPerSecond });
        bool lastEpoch = epoch == settings.Epochs - 1;
        if (!lastEpoch && Due(settings.EvalEvery, epoch))
            run.Loop.Evaluate(isFinal: false, _logger);
        // A run that early stopping ends samples and checkpoints once, at its end.
        bool continues = !lastEpoch && state.StopReason is null;
        if (continues && Due(settings.SampleEvery, epoch))
            run.Loop.SampleAndLog(settings.SampleCount, $"samples/epoch_{epoch + 1:D3}");
        if (continues && Due(settings.CheckpointEvery, epoch))
        {
            run.Loop.UseConfiguredThreads();
            run.Checkpoints.Save(epoch + 1, 0, state.GlobalStep);
        }

        // Persist at epoch ends, but not more than once a second: a flush waits for the store, and a run of thousands of
        // tiny epochs would otherwise spend its time waiting.
        if (sinceFlush.Elapsed >= TimeSpan.FromSeconds(1))
        {
            request.Tracker.Flush();
            sinceFlush.Restart();
        }

        _logger.EpochCompleted(epoch + 1, settings.Epochs, samplesPerSecond, Describe(state.Latest, "train/"));
    }

    /// <summary>The end of a run: the final evaluation and samples, the final checkpoint, and how the run ended.</summary>
    private void Finish(TrainingRequest request, ActiveRun run, LoopState state, double? secondsToFirstStep)
    {
        var settings = request.Experiment.Training;
        run.Loop.Evaluate(isFinal: true, _logger);
        run.Loop.SampleAndLog(settings.FinalSampleCount > 0 ? settings.FinalSampleCount : settings.SampleCount, "samples/final", keepArray: true);
        run.Loop.UseConfiguredThreads();
        int epochs = state.StopReason is null ? settings.Epochs : state.StoppedAfterEpoch;
        run.Checkpoints.Save(epochs, 0, state.GlobalStep);
        run.Artifacts.LogFile(request.Folder.LastCheckpoint, "checkpoints/final.ckpt");
        if (request.Experiment.Tracking.Export == ExportFormat.Pytorch)
            ExportModel(request, run, epochs, state.GlobalStep);
        if (state.StopReason is { } reason)
        {
            request.Tracker.SetTags(new Dictionary<string, string>
            {
                ["framework.stopped_early"] = "true",
                ["framework.stopped_early.epoch"] = state.StoppedAfterEpoch.ToString(CultureInfo.InvariantCulture),
                ["framework.stopped_early.reason"] = reason,
            });
        }

        if (secondsToFirstStep is { } first)
            state.Log(new Dictionary<string, double> { ["timing/start_to_first_step_s"] = first });
    }

    /// <summary>The end of a pruned run: a checkpoint (so it can still be continued by hand), the pruner's tags, and no final
    /// evaluation or samples: a pruned trial's budget goes to the trials that follow.</summary>
    private void EndPruned(TrainingRequest request, ActiveRun run, LoopState state)
    {
        run.Loop.UseConfiguredThreads();
        run.Checkpoints.Save(state.StoppedAfterEpoch, 0, state.GlobalStep);
        request.Tracker.SetTags(new Dictionary<string, string>
        {
            [PruningHook.PrunedTag] = "true",
            [PruningHook.EpochTag] = state.StoppedAfterEpoch.ToString(CultureInfo.InvariantCulture),
            [PruningHook.ReasonTag] = state.StopReason!,
        });
        _logger.RunPruned(state.StoppedAfterEpoch, state.StopReason!);
    }

    /// <summary><c>tracking.export: pytorch</c>: the model's weights (averaged where the run averages them) as the
    /// artifacts export/model.pt and export/model.json, as <c>fw export</c> writes them.</summary>
    private void ExportModel(TrainingRequest request, ActiveRun run, int epochs, long globalStep)
    {
        var experiment = request.Experiment;
        var path = Path.Combine(request.Folder.ArtifactDirectory, "export", "model.pt");
        var result = PyTorchExport.Write(run.Model!, request.ModelPlugin.Name, run.Services, ExportWeights.Averaged, run.Data, path, weights =>
            new ExportSidecar(request.ModelPlugin.Name, request.ModelPluginVersion, experiment.Model.Options, request.DatasetPlugin.Name,
                experiment.Dataset.Options, weights, experiment.Name, request.Tracker.RunId, epochs, globalStep));
        run.Artifacts.LogFile(result.StatePath, "export/model.pt");
        run.Artifacts.LogFile(result.SidecarPath, "export/model.json");
        _logger.ModelExported(result.StatePath, result.Tensors, result.Weights);
    }

    /// <summary>The parts this run's settings ask for, in the order they see each step (a sweep's pruner has no state, so a
    /// checkpoint restores the same with or without it).</summary>
    internal static List<ITrainingPart> Parts(TrainingSettings settings, TrainingServices services, PruningHook? pruning = null)
    {
        var parts = new List<ITrainingPart> { new LearningRateMonitor(services) };
        if (settings.Ema.Decay > 0)
            parts.Add(new WeightAveraging(services));
        if (settings.EarlyStopping.Metric.Length > 0)
            parts.Add(new EarlyStopping(settings.EarlyStopping));
        if (pruning is not null)
            parts.Add(new PruningPart(pruning));
        return parts;
    }

    private Dataset LoadData(TrainingRequest request)
    {
        var loaded = ExperimentData.Load(request.Experiment, request.DatasetPlugin, request.CacheDirectory, _loggerFactory);
        _logger.DatasetLoaded(request.DatasetPlugin.Name, loaded.TrainX.shape[0], loaded.TestX.shape[0], string.Join(", ", loaded.SampleShape));
        if (loaded.TrainX.shape[0] == 0)
            throw new InvalidDataException($"Dataset '{request.DatasetPlugin.Name}' returned no training examples.");
        // Logged again on a resume: MLflow's log_inputs reuses the dataset and the link, so nothing is duplicated.
        var (digestClock, digestCpu) = (Stopwatch.StartNew(), Environment.CpuUsage.TotalTime);
        request.Tracker.LogInputs(DatasetInputs.Describe(loaded, request.DatasetPlugin.Name));
        _logger.DatasetInputsLogged(digestClock.Elapsed.TotalMilliseconds, (Environment.CpuUsage.TotalTime - digestCpu).TotalMilliseconds);
        if (loaded.TrainX.device_type == request.Device.type && loaded.TrainX.device_index == request.Device.index)
            return loaded;
        using (loaded)
            return loaded.To(request.Device);
    }

    /// <summary>The shuffled order of one epoch, from its own seed so a resume mid-epoch replays the same order.</summary>
    private static Tensor EpochOrder(long seed, int epoch, long examples, Device device)
    {
        using var shuffle = new Generator((ulong)SeedStreams.Derive(seed, SeedStreams.Shuffle, (ulong)epoch));
        using var order = randperm(examples, generator: shuffle);
        return order.to(device);
    }

    private static void LogDataObservables(Dataset data, IRunTracker tracker)
    {
        if (data.Observables is null)
            return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var observed = data.Observables.Compute(data.TrainX);
        tracker.LogMetrics(observed.ToDictionary(o => "data/" + o.Key, o => o.Value, StringComparer.Ordinal), 0);
    }

    private static bool Due(int every, int epoch) => every > 0 && (epoch + 1) % every == 0;

    internal static string Describe(IReadOnlyDictionary<string, double> metrics, string prefix) =>
        string.Concat(metrics.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Take(6)
            .Select(m => FormattableString.Invariant($" {m.Key}={m.Value:G5}")));

    private IProgressDisplay DefaultProgress() =>
        Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb"
            ? new LogProgress(_logger, TimeSpan.FromSeconds(10))
            : new TerminalProgressBar(Console.Error);
}
