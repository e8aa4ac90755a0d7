using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>The host's side of a run for tests that drive a model directly: one object that is the model, step and
/// evaluation context at once, with counters that <see cref="TrainingLoop"/> advances, and the host's training services
/// whose schedules give each step its learning rate and momentum.</summary>
internal sealed class RunContext : IModelContext, IEvaluationContext, IDisposable
{
    public RunContext(Dataset data, int batchSize, int epochs, OptimizerSettings optimizer, long seed, IArtifactSink artifacts, ScheduleOptions? schedule = null)
    {
        // The test machines are tiny: one intra-op thread is faster than two, and much faster on a busy machine.
        set_num_threads(1);
        Data = data;
        BatchSize = batchSize;
        Epochs = epochs;
        Generator = new Generator((ulong)seed);
        Artifacts = artifacts;
        StepsPerEpoch = (data.TrainX.shape[0] + batchSize - 1) / batchSize;
        var group = new RbmPlugin().OptimizerGroups(new RbmOptions()).Single();
        Services = new TrainingServices(TrainingServicesSettings.Single(optimizer, new TrainingClock(StepsPerEpoch, epochs), schedule ?? Hinton(), group));
    }

    /// <summary>Hinton's guide (section 9): momentum 0.5 for the first <paramref name="momentumEpochs"/> epochs, then the
    /// optimiser's; a learning rate of <paramref name="shape"/> that ends at <paramref name="finalFactor"/> of its start.</summary>
    public static ScheduleOptions Hinton(int momentumEpochs = 5, ScheduleName shape = ScheduleName.Constant, double finalFactor = 0) => new()
    {
        Name = shape,
        FinalFactor = finalFactor,
        MomentumWarmup = new MomentumWarmupOptions { Start = 0.5, Epochs = momentumEpochs },
    };

    /// <summary>The host's training services of this run.</summary>
    public TrainingServices Services { get; }

    public Device Device => CPU;

    public Generator Generator { get; }

    public Dataset Data { get; }

    public IOptimizerFactory Optimizers => Services;

    public int BatchSize { get; }

    public long StepsPerEpoch { get; }

    public int Epochs { get; }

    public long TotalSteps => StepsPerEpoch * Epochs;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public long GlobalStep { get; set; }

    public bool ReportsMetrics { get; set; } = true;

    public int Epoch { get; set; }

    public IArtifactSink Artifacts { get; }

    public int EvaluationBatchSize { get; init; } = 1000;

    public bool IsFinal { get; set; } = true;

    /// <summary>The SGD settings of the reference implementation (../shared/bench/rbm_torch.py).</summary>
    public static OptimizerSettings ReferenceSgd(double learningRate = 0.05, double momentum = 0.9, double weightDecay = 2e-4) =>
        new("sgd", learningRate, momentum, weightDecay);

    /// <summary>The tags the model set, as the host would record them on the run.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public void SetTag(string key, string value) => Tags[key] = value;

    public void Dispose()
    {
        Services.Dispose();
        Generator.Dispose();
    }
}
