using Framework.Contracts.Data;

namespace Framework.Contracts.Training;

/// <summary>What a model sees when it is evaluated.</summary>
public interface IEvaluationContext : IStepContext
{
    /// <summary>The run's data on the run's device; evaluate on <see cref="Dataset.TestX"/> unless a metric says otherwise.</summary>
    Dataset Data { get; }

    /// <summary>A batch size that fits evaluation in memory (the training batch size unless configured).</summary>
    int EvaluationBatchSize { get; }

    /// <summary>Whether this is the evaluation at the end of training, where expensive metrics are worth their cost.</summary>
    bool IsFinal { get; }
}
