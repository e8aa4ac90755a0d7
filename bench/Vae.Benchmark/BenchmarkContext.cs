using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Benchmarks.Vae;

/// <summary>The model, step and evaluation context of the benchmark run, in one object (the host's trainer has its own).</summary>
internal sealed class BenchmarkContext(Dataset data, Generator generator, int batchSize, int epochs, IArtifactSink artifacts)
    : IModelContext, IEvaluationContext, IDatasetContext
{
    public Device Device => CPU;

    public Generator Generator => generator;

    public Dataset Data => data;

    /// <summary>The host's training services (optimiser and schedule), stepped by the benchmark's loop as the trainer steps them.</summary>
    public TrainingServices Services { get; init; } = null!;

    public IOptimizerFactory Optimizers => Services;

    public int BatchSize => batchSize;

    public long StepsPerEpoch => (data.TrainX.shape[0] + batchSize - 1) / batchSize;

    public int Epochs => epochs;

    public long TotalSteps => StepsPerEpoch * epochs;

    public ILogger Logger => NullLogger.Instance;

    public long GlobalStep { get; set; }

    public int Epoch { get; set; }

    public IArtifactSink Artifacts => artifacts;

    public int EvaluationBatchSize => 1000;

    public bool IsFinal { get; set; }

    public long Seed => 1;

    public string CacheDirectory => Path.GetTempPath();

    /// <summary>The tags the model set, kept in memory as the host would record them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public void SetTag(string key, string value) => Tags[key] = value;
}
