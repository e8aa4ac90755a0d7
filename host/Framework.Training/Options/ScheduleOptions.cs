using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Training.Options;

/// <summary>The <c>training.schedule</c> section: how the learning rate (and momentum) change over the run.</summary>
/// <remarks>Every length is in training steps (batches, the step axis of MLflow's charts) or epochs; a schedule is a
/// pure function of the step, so a resumed run continues on the same curve.</remarks>
public sealed class ScheduleOptions
{
    /// <summary>The shape after the warm-up.</summary>
    [Description("Shape of the learning rate after the warm-up: constant, linear, cosine, exponential, step or one_cycle.")]
    public ScheduleName Name { get; set; } = ScheduleName.Constant;

    /// <summary>Warm-up length in training steps.</summary>
    [Description("Linear learning-rate warm-up from warmup_start_factor x lr, in training steps (one_cycle: its rising half).")]
    [Range(0L, long.MaxValue)]
    public long WarmupSteps { get; set; }

    /// <summary>Warm-up length in epochs.</summary>
    [Description("The warm-up in epochs instead (fractions allowed); set one of warmup_steps and warmup_epochs.")]
    [Range(0.0, 1e6)]
    public double WarmupEpochs { get; set; }

    /// <summary>The learning rate at the start of the warm-up as a fraction of the base rate.</summary>
    [Description("Learning rate at the start of the warm-up, as a fraction of lr (one_cycle: PyTorch's 1/div_factor, 0.04).")]
    [Range(0.0, 1.0)]
    public double WarmupStartFactor { get; set; }

    /// <summary>The learning rate at the end as a fraction of the base rate (linear, cosine, one_cycle).</summary>
    [Description("Learning rate at the end of the run as a fraction of lr (linear, cosine, one_cycle).")]
    [Range(0.0, 1.0)]
    public double FinalFactor { get; set; }

    /// <summary>The factor of each decay (exponential: per epoch; step: per drop).</summary>
    [Description("Decay factor: per epoch (exponential) or per drop (step).")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Gamma { get; set; } = 0.1;

    /// <summary>The step schedule's drop interval in epochs.</summary>
    [Description("step: drop by gamma every this many epochs (when milestones is empty).")]
    [Range(1, 1_000_000)]
    public int StepEpochs { get; set; } = 1;

    /// <summary>The step schedule's drops, in epochs.</summary>
    [Description("step: drop by gamma after each of these epochs, instead of every step_epochs.")]
    [Range(1, 1_000_000)]
    public int[] Milestones { get; set; } = [];

    /// <summary>The momentum warm-up.</summary>
    [Description("A lower momentum at the start of training (Hinton's 0.5, then 0.9).")]
    public MomentumWarmupOptions MomentumWarmup { get; set; } = new();
}
