using System.Diagnostics;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Tracking;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>
/// The training loop: epochs of shuffled batches kept on the device, one dispose scope per step, scalars read back
/// only every <c>log_every</c> steps, evaluation, sampling and checkpoints on schedule. The model supplies the steps;
/// everything else (seeding, device, cadence, tracking, interruption) is here.
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
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        double? secondsToFirstStep = null;
        long globalStep = 0;

        int threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        torch.set_num_threads(threads);
        torch.manual_seed(SeedStreams.Derive(settings.Seed, SeedStreams.ModelInit));

        Dataset? data = null;
        IModel? model = null;
        using var generator = new Generator((ulong)SeedStreams.Derive(settings.Seed, SeedStreams.StepGenerator), request.Device);
        try
        {
            data = LoadData(request);
            Internal.StartupTimeline.Mark(_logger, "data loaded");
            long examples = data.TrainX.shape[0];
            long stepsPerEpoch = (examples + settings.BatchSize - 1) / settings.BatchSize;
            var modelLogger = _loggerFactory.CreateLogger("Plugin." + request.ModelPlugin.Name);
            var sink = new RunArtifactSink(request.Folder.ArtifactDirectory, request.Tracker);
            var context = new RunContext(request.Device, generator, data, stepsPerEpoch, settings.Epochs,
                settings.EvalBatchSize > 0 ? settings.EvalBatchSize : settings.BatchSize, modelLogger, sink,
                (key, value) => request.Tracker.SetTags(new Dictionary<string, string> { [key] = value }));

            model = request.ModelPlugin.Create(request.Experiment.Model.Options, new ModelContext(
                request.Device, generator, data, settings.Optimizer.ToSettings(), settings.BatchSize, stepsPerEpoch,
                settings.Epochs, modelLogger));

            Internal.StartupTimeline.Mark(_logger, "model created");
            int startEpoch = 0;
            long startStep = 0;
            if (request.ResumeCheckpoint is { } checkpoint)
            {
                var header = CheckpointFile.Restore(checkpoint, generator, model);
                (startEpoch, startStep, globalStep) = (header.Epoch, header.StepInEpoch, header.GlobalStep);
                _logger.RunResumed(checkpoint, startEpoch + 1, globalStep);
            }
            else
            {
                LogDataObservables(data, request.Tracker);
            }
            context.GlobalStep = globalStep;

            _logger.RunStarted(request.Tracker.RunId, request.ModelPlugin.Name, request.DatasetPlugin.Name, settings.Epochs,
                stepsPerEpoch, request.Device.ToString(), threads, settings.Seed);

            using var progress = _progressFactory();
            var rate = new StepRate();
            var sinceFlush = Stopwatch.StartNew();
            for (int epoch = startEpoch; epoch < settings.Epochs; epoch++)
            {
                context.Epoch = epoch;
                using var order = EpochOrder(settings.Seed, epoch, examples, request.Device);
                var epochClock = Stopwatch.StartNew();
                long epochSamples = 0;
                for (long step = epoch == startEpoch ? startStep : 0; step < stepsPerEpoch; step++)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        SaveCheckpoint(request, generator, model, epoch, step, globalStep);
                        if (request.ResumeHint is { } hint)
                            _logger.RunInterruptedWithHint(globalStep, request.Folder.LastCheckpoint, hint);
                        else
                            _logger.RunInterrupted(globalStep, request.Folder.LastCheckpoint, request.Experiment.SourcePath, request.Folder.Path);
                        return Outcome(RunStatus.Killed, null);
                    }

                    long start = step * settings.BatchSize;
                    long size = Math.Min(settings.BatchSize, examples - start);
                    // Reading a value back forces the device to finish its queued work: do it only every log_every steps.
                    bool readBack = (globalStep + 1) % settings.LogEvery == 0 || step == stepsPerEpoch - 1;
                    using (var scope = NewDisposeScope())
                    {
                        var indices = order.narrow(0, start, size);
                        var batch = new Batch(data.TrainX.index_select(0, indices), data.TrainY?.index_select(0, indices));
                        context.ReportsMetrics = readBack;
                        var output = model.TrainStep(batch, context);
                        context.ReportsMetrics = true;
                        globalStep++;
                        context.GlobalStep = globalStep;
                        if (readBack)
                            LogStepMetrics(output, globalStep, request.Tracker, latest);
                    }
                    epochSamples += size;
                    if (secondsToFirstStep is null)
                    {
                        secondsToFirstStep = (DateTimeOffset.UtcNow - request.ProcessStart).TotalSeconds;
                        Internal.StartupTimeline.Mark(_logger, "first step done");
                    }
                    progress.Report(new ProgressSnapshot(epoch, settings.Epochs, globalStep, context.TotalSteps, rate.Tick(globalStep), latest));
                }

                double samplesPerSecond = epochSamples / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);
                LogMetrics(request.Tracker, latest, globalStep, ("epoch", epoch + 1), ("throughput/samples_per_s", samplesPerSecond));

                bool lastEpoch = epoch == settings.Epochs - 1;
                if (!lastEpoch && Due(settings.EvalEvery, epoch))
                    Evaluate(model, context, request.Tracker, latest, isFinal: false);
                if (!lastEpoch && Due(settings.SampleEvery, epoch))
                    SampleAndLog(model, context, request, latest, $"samples/epoch_{epoch + 1:D3}");
                if (!lastEpoch && Due(settings.CheckpointEvery, epoch))
                    SaveCheckpoint(request, generator, model, epoch + 1, 0, globalStep);
                // Persist at epoch ends, but not more than once a second: a flush waits for the store, and a run of
                // thousands of tiny epochs would otherwise spend its time waiting.
                if (sinceFlush.Elapsed >= TimeSpan.FromSeconds(1))
                {
                    request.Tracker.Flush();
                    sinceFlush.Restart();
                }
                _logger.EpochCompleted(epoch + 1, settings.Epochs, samplesPerSecond, Describe(latest, "train/"));
            }

            Evaluate(model, context, request.Tracker, latest, isFinal: true);
            SampleAndLog(model, context, request, latest, "samples/final");
            SaveCheckpoint(request, generator, model, settings.Epochs, 0, globalStep);
            sink.LogFile(request.Folder.LastCheckpoint, "checkpoints/final.ckpt");
            if (secondsToFirstStep is { } first)
                LogMetrics(request.Tracker, latest, globalStep, ("timing/start_to_first_step_s", first));
            return Outcome(RunStatus.Finished, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A plugin's failure ends this run as FAILED with the reason; the host process and other trials go on.
            _logger.RunFailed(request.Tracker.RunId, globalStep, e.Message, e);
            return Outcome(RunStatus.Failed, e);
        }
        finally
        {
            model?.Dispose();
            data?.Dispose();
        }

        TrainingOutcome Outcome(RunStatus status, Exception? error) =>
            new(status, globalStep, new Dictionary<string, double>(latest), clock.Elapsed, secondsToFirstStep, error);
    }

    private Dataset LoadData(TrainingRequest request)
    {
        var settings = request.Experiment.Training;
        using var dataGenerator = new Generator((ulong)SeedStreams.Derive(settings.Seed, SeedStreams.Dataset));
        Directory.CreateDirectory(request.CacheDirectory);
        var datasetLogger = _loggerFactory.CreateLogger("Plugin." + request.DatasetPlugin.Name);
        var loaded = request.DatasetPlugin.Load(request.Experiment.Dataset.Options,
            new DatasetContext(dataGenerator, settings.Seed, request.CacheDirectory, datasetLogger));
        _logger.DatasetLoaded(request.DatasetPlugin.Name, loaded.TrainX.shape[0], loaded.TestX.shape[0], string.Join(", ", loaded.SampleShape));
        if (loaded.TrainX.shape[0] == 0)
            throw new InvalidDataException($"Dataset '{request.DatasetPlugin.Name}' returned no training examples.");
        if (loaded.TrainX.device_type == request.Device.type && loaded.TrainX.device_index == request.Device.index)
            return loaded;
        using (loaded)
        {
            var moved = loaded.To(request.Device);
            return moved;
        }
    }

    /// <summary>The shuffled order of one epoch, from its own seed so a resume mid-epoch replays the same order.</summary>
    private static Tensor EpochOrder(long seed, int epoch, long examples, Device device)
    {
        using var shuffle = new Generator((ulong)SeedStreams.Derive(seed, SeedStreams.Shuffle, (ulong)epoch));
        using var order = randperm(examples, generator: shuffle);
        return order.to(device);
    }

    private static void LogStepMetrics(StepOutput output, long step, IRunTracker tracker, Dictionary<string, double> latest)
    {
        var values = new Dictionary<string, double>(output.Scalars.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in output.Scalars)
            values[name] = tensor.to_type(ScalarType.Float64).item<double>();
        if (values.TryGetValue(StepOutput.LossName, out double loss) && !double.IsFinite(loss))
            throw new TrainingDivergedException(StepOutput.LossName, loss, step);
        tracker.LogMetrics(values, step);
        foreach (var (name, value) in values)
            latest[name] = value;
    }

    private static void LogMetrics(IRunTracker tracker, Dictionary<string, double> latest, long step, params (string Name, double Value)[] metrics)
    {
        var values = metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        tracker.LogMetrics(values, step);
        foreach (var (name, value) in values)
            latest[name] = value;
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

    private void Evaluate(IModel model, RunContext context, IRunTracker tracker, Dictionary<string, double> latest, bool isFinal)
    {
        context.IsFinal = isFinal;
        IReadOnlyDictionary<string, double> metrics;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
            metrics = model.Evaluate(context);
        if (metrics.Count == 0)
            return;
        tracker.LogMetrics(metrics, context.GlobalStep);
        foreach (var (name, value) in metrics)
            latest[name] = value;
        _logger.Evaluated(context.GlobalStep, Describe(metrics, ""));
    }

    private static void SampleAndLog(IModel model, RunContext context, TrainingRequest request, Dictionary<string, double> latest, string name)
    {
        var data = context.Data;
        int count = request.Experiment.Training.SampleCount;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var samples = model.Sample(count, context);
        if (data.Layout == SampleLayout.Vector || !TryLogGrid(context, samples, data, name))
            context.Artifacts.LogBytes(name + ".npy", Internal.NpyWriter.Encode(samples));
        if (data.Observables is not null)
        {
            var observed = data.Observables.Compute(samples);
            var metrics = observed.ToDictionary(o => "samples/" + o.Key, o => o.Value, StringComparer.Ordinal);
            request.Tracker.LogMetrics(metrics, context.GlobalStep);
            foreach (var (key, value) in metrics)
                latest[key] = value;
        }
    }

    private static bool TryLogGrid(RunContext context, Tensor samples, Dataset data, string name)
    {
        try
        {
            context.Artifacts.LogImageGrid(name + ".png", samples, 0, data.ValueRange.Min, data.ValueRange.Max);
            return true;
        }
        catch (ArgumentException e)
        {
            context.Logger.LogWarning("Samples of shape [{Shape}] are not drawable as images ({Reason}); saved as .npy", string.Join(", ", samples.shape), e.Message);
            return false;
        }
    }

    private void SaveCheckpoint(TrainingRequest request, Generator generator, IModel model, int epoch, long stepInEpoch, long globalStep)
    {
        var header = new CheckpointHeader(request.Experiment.Name, request.ModelPlugin.Name, request.ModelPluginVersion,
            ConfigHash.Compute(request.Experiment.FlatParameters), request.Tracker.RunId, epoch, stepInEpoch, globalStep,
            DateTimeOffset.UtcNow);
        using (var scope = NewDisposeScope())
            CheckpointFile.Write(request.Folder.LastCheckpoint, header, generator, model);
        _logger.CheckpointWritten(request.Folder.LastCheckpoint, globalStep);
    }

    private static bool Due(int every, int epoch) => every > 0 && (epoch + 1) % every == 0;

    private static string Describe(IReadOnlyDictionary<string, double> metrics, string prefix) =>
        string.Concat(metrics.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Take(6)
            .Select(m => FormattableString.Invariant($" {m.Key}={m.Value:G5}")));

    private IProgressDisplay DefaultProgress() =>
        Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb"
            ? new LogProgress(_logger, TimeSpan.FromSeconds(10))
            : new TerminalProgressBar(Console.Error);
}
