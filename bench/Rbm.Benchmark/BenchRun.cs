using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Rbm;
using Framework.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Benchmarks.Rbm;

/// <summary>The host's side of one run, reduced to what the benchmark needs: contexts, counters and the loop the host
/// runs (shuffle by index, one dispose scope per step, the host's schedules stepped around each step).</summary>
internal sealed class BenchRun(Dataset data, int batchSize, int epochs, OptimizerSettings optimizer, long seed, IArtifactSink artifacts, ScheduleOptions schedule)
    : IModelContext, IEvaluationContext, IDisposable
{
    private readonly TrainingServices _services = new(TrainingServicesSettings.Single(optimizer,
        new TrainingClock((data.TrainX.shape[0] + batchSize - 1) / batchSize, epochs), schedule,
        new RbmPlugin().OptimizerGroups(new RbmOptions()).Single()));

    /// <summary>Hinton's guide: momentum 0.5 for the first <paramref name="momentumEpochs"/> epochs, then the optimiser's;
    /// the learning rate constant, or falling linearly to <paramref name="finalFactor"/> of its start.</summary>
    public static ScheduleOptions Hinton(int momentumEpochs = 5, bool linear = false, double finalFactor = 0) => new()
    {
        Name = linear ? ScheduleName.Linear : ScheduleName.Constant,
        FinalFactor = finalFactor,
        MomentumWarmup = new MomentumWarmupOptions { Start = 0.5, Epochs = momentumEpochs },
    };

    public Device Device => CPU;

    public Generator Generator { get; } = new((ulong)seed);

    public Dataset Data => data;

    public IOptimizerFactory Optimizers => _services;

    public int BatchSize => batchSize;

    public long StepsPerEpoch => (data.TrainX.shape[0] + batchSize - 1) / batchSize;

    public int Epochs => epochs;

    public long TotalSteps => StepsPerEpoch * epochs;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public long GlobalStep { get; private set; }

    public int Epoch { get; private set; }

    /// <summary>The host reads a step's metrics every log_every steps (default 50) and at the end of each epoch.</summary>
    public bool ReportsMetrics { get; private set; } = true;

    public IArtifactSink Artifacts => artifacts;

    public int EvaluationBatchSize => 1000;

    public bool IsFinal => true;

    private const int LogEvery = 50;

    /// <summary>Trains one epoch and returns its wall-clock seconds.</summary>
    public double TrainEpoch(IModel model)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var count = data.TrainX.shape[0];
        using var order = randperm(count, generator: Generator);
        for (var start = 0L; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
            ReportsMetrics = (GlobalStep + 1) % LogEvery == 0 || start + batchSize >= count;
            _services.BeginStep(GlobalStep, lastBatchOfEpoch: start + batchSize >= count);
            model.TrainStep(new Batch(data.TrainX.index_select(0, indices), null), this);
            GlobalStep++;
        }
        // Force the last step to finish before the clock stops (a no-op on the CPU, needed on a GPU).
        watch.Stop();
        Epoch++;
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The tags the model set, kept in memory as the host would record them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public void SetTag(string key, string value) => Tags[key] = value;

    public void Dispose()
    {
        _services.Dispose();
        Generator.Dispose();
    }
}
