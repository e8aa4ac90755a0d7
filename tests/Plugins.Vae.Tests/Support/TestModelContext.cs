using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>A model context for a run of <see cref="Epochs"/> epochs over <see cref="Data"/> on the CPU.</summary>
internal sealed class TestModelContext : IModelContext
{
    public TestModelContext(Dataset data, Generator generator, int batchSize, int epochs, OptimizerSettings? optimizer = null)
    {
        Data = data;
        Generator = generator;
        BatchSize = batchSize;
        Epochs = epochs;
        Optimizer = optimizer ?? new OptimizerSettings();
    }

    public Device Device => CPU;

    public Generator Generator { get; }

    public Dataset Data { get; }

    public OptimizerSettings Optimizer { get; }

    public int BatchSize { get; }

    public long StepsPerEpoch => (Data.TrainX.shape[0] + BatchSize - 1) / BatchSize;

    public int Epochs { get; }

    public long TotalSteps => StepsPerEpoch * Epochs;

    public ILogger Logger => NullLogger.Instance;
}
