using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>A model context for a run of <see cref="Epochs"/> epochs over <see cref="Data"/> on the CPU, whose optimisers
/// are the host's own (<see cref="Services"/>).</summary>
internal sealed class TestModelContext : IModelContext, IDisposable
{
    public TestModelContext(Dataset data, Generator generator, int batchSize, int epochs, OptimizerSettings? optimizer = null, ScheduleOptions? schedule = null)
    {
        Data = data;
        Generator = generator;
        BatchSize = batchSize;
        Epochs = epochs;
        Services = new TrainingServices(TrainingServicesSettings.Single(optimizer ?? new OptimizerSettings(), new TrainingClock(StepsPerEpoch, epochs), schedule));
    }

    public Device Device => CPU;

    public Generator Generator { get; }

    public Dataset Data { get; }

    /// <summary>The host's training services: the trainer's loop calls their per-step methods.</summary>
    public TrainingServices Services { get; }

    public IOptimizerFactory Optimizers => Services;

    public int BatchSize { get; }

    public long StepsPerEpoch => (Data.TrainX.shape[0] + BatchSize - 1) / BatchSize;

    public int Epochs { get; }

    public long TotalSteps => StepsPerEpoch * Epochs;

    public ILogger Logger => NullLogger.Instance;

    public void Dispose() => Services.Dispose();
}
