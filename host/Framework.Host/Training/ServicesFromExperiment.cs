using Framework.Contracts.Training;
using Framework.Host.Experiments;
using Framework.Training;
using Framework.Training.Schedules;

namespace Framework.Host.Training;

/// <summary>The training services of a run, from its validated training section and the groups its model declares.</summary>
internal static class ServicesFromExperiment
{
    /// <summary>Settings for <see cref="TrainingServices"/>: each declared group gets its <c>training.optimizers</c> entry
    /// (already complete, see <see cref="OptimizerGroupInheritance"/>), else <c>training.optimizer</c> and <c>training.schedule</c>.</summary>
    public static TrainingServicesSettings Settings(TrainingSettings training, IReadOnlyList<OptimizerGroup> declared, long stepsPerEpoch)
    {
        var groups = declared.Select(group => training.Optimizers.TryGetValue(group.Name, out var own)
                ? new ConfiguredGroup(group, own.ToSettings(), own.Schedule)
                : new ConfiguredGroup(group, training.Optimizer.ToSettings(), training.Schedule))
            .ToList();
        return new TrainingServicesSettings(groups, new TrainingClock(stepsPerEpoch, training.Epochs), training.AccumulateBatches, training.Ema);
    }
}
