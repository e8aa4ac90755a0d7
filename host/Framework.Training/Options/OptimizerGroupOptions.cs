using System.ComponentModel;

namespace Framework.Training.Options;

/// <summary>One <c>training.optimizers.NAME</c> section: the optimiser of one named group of a model with several
/// (a GAN's <c>generator</c>), with its own schedule.</summary>
/// <remarks>The host fills every key the file leaves out from <c>training.optimizer</c> and <c>training.schedule</c>
/// before binding, so an instance holds the group's complete settings.</remarks>
public sealed class OptimizerGroupOptions : OptimizerOptions
{
    /// <summary>The group's learning-rate and momentum schedule.</summary>
    [Description("This group's schedule; keys left out come from training.schedule.")]
    public ScheduleOptions Schedule { get; set; } = new();
}
