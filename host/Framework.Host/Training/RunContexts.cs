using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>What the model factory sees.</summary>
internal sealed record ModelContext(
    Device Device,
    Generator Generator,
    Dataset Data,
    IOptimizerFactory Optimizers,
    int BatchSize,
    long StepsPerEpoch,
    int Epochs,
    ILogger Logger) : IModelContext
{
    public long TotalSteps => StepsPerEpoch * Epochs;
}

/// <summary>What a dataset plugin sees.</summary>
internal sealed record DatasetContext(Generator Generator, long Seed, string CacheDirectory, ILogger Logger) : IDatasetContext;

/// <summary>The step, evaluation and sampling context; the trainer advances its counters in place.</summary>
internal sealed class RunContext : IEvaluationContext
{
    private readonly Action<string, string> _setTag;

    public RunContext(Device device, Generator generator, Dataset data, long stepsPerEpoch, int epochs,
        int evaluationBatchSize, ILogger logger, IArtifactSink artifacts, Action<string, string> setTag)
    {
        _setTag = setTag;
        Device = device;
        Generator = generator;
        Data = data;
        StepsPerEpoch = stepsPerEpoch;
        TotalSteps = stepsPerEpoch * epochs;
        EvaluationBatchSize = evaluationBatchSize;
        Logger = logger;
        Artifacts = artifacts;
    }

    public Device Device { get; }

    public Generator Generator { get; }

    public Dataset Data { get; }

    public long GlobalStep { get; set; }

    public bool ReportsMetrics { get; set; } = true;

    public int Epoch { get; set; }

    public long StepsPerEpoch { get; }

    public long TotalSteps { get; }

    public int EvaluationBatchSize { get; }

    public bool IsFinal { get; set; }

    public ILogger Logger { get; }

    public IArtifactSink Artifacts { get; }

    public void SetTag(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _setTag(key, value);
    }
}
