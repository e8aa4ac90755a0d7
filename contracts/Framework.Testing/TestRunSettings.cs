using Framework.Contracts.Training;
using Framework.Training.Options;

namespace Framework.Testing;

/// <summary>How a <see cref="TestRun"/> trains: what an experiment file's <c>training</c> section says to the host.</summary>
public sealed record TestRunSettings
{
    /// <summary>Examples per training step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>The epochs the run is configured for (schedules measure against them).</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>The seed of the model's initialisation, its generator and the data order.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The optimiser of every declared group (<c>training.optimizer</c>); a closed-form group that accepts one
    /// algorithm gets that algorithm, as the host gives it.</summary>
    public OptimizerSettings Optimizer { get; init; } = new();

    /// <summary>The schedule of every group (<c>training.schedule</c>).</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary>Batches whose gradients add up before each update (<c>training.accumulate_batches</c>).</summary>
    public int AccumulateBatches { get; init; } = 1;

    /// <summary>The weight average (<c>training.ema</c>; decay 0: none).</summary>
    public EmaOptions Ema { get; init; } = new();

    /// <summary>The batch size evaluation gets.</summary>
    public int EvaluationBatchSize { get; init; } = 256;
}
