using Framework.Contracts.Data;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>An evaluation context over a dataset, at a given point of training.</summary>
internal sealed class TestEvaluationContext : TestStepContext, IEvaluationContext
{
    public TestEvaluationContext(Dataset data, Generator generator, IArtifactSink artifacts, long stepsPerEpoch, long totalSteps, bool isFinal, int batchSize = 500)
        : base(generator, artifacts, stepsPerEpoch, totalSteps)
    {
        Data = data;
        IsFinal = isFinal;
        EvaluationBatchSize = batchSize;
    }

    public Dataset Data { get; }

    public int EvaluationBatchSize { get; }

    public bool IsFinal { get; }
}
