using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;

namespace Framework.Training;

/// <summary>What <see cref="TrainingServices"/> builds for one run: the declared groups with their settings and
/// schedules, accumulation, weight averaging and the run's length.</summary>
/// <param name="Groups">Every group the model's plugin declared, with its resolved optimiser settings and schedule.</param>
/// <param name="Clock">The run's length, for schedules.</param>
/// <param name="AccumulateBatches">Batches whose gradients add up before each update (1: none).</param>
/// <param name="Ema">The weight average's settings (decay 0: none).</param>
public sealed record TrainingServicesSettings(
    IReadOnlyList<ConfiguredGroup> Groups,
    TrainingClock Clock,
    int AccumulateBatches,
    EmaOptions Ema)
{
    /// <summary>Settings for a model with the single default group, as tests and benchmarks build them.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="clock">The run's length.</param>
    /// <param name="schedule">The schedule (constant when null).</param>
    /// <param name="group">The declared group (the single gradient group when null).</param>
    /// <returns>The settings.</returns>
    public static TrainingServicesSettings Single(OptimizerSettings optimizer, TrainingClock clock, ScheduleOptions? schedule = null, OptimizerGroup? group = null) =>
        new([new ConfiguredGroup(group ?? OptimizerGroup.Single, optimizer, schedule ?? new ScheduleOptions())], clock, 1, new EmaOptions());
}

/// <summary>One declared group with the settings the experiment file gives it.</summary>
/// <param name="Group">The declaration.</param>
/// <param name="Optimizer">The resolved optimiser settings.</param>
/// <param name="Schedule">The resolved schedule.</param>
public sealed record ConfiguredGroup(OptimizerGroup Group, OptimizerSettings Optimizer, ScheduleOptions Schedule);
