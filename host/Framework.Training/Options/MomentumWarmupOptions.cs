using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Training.Options;

/// <summary>The <c>training.schedule.momentum_warmup</c> group: a lower momentum while the weights are far from their
/// final values (Hinton's guide to training RBMs, section 9: 0.5, then 0.9).</summary>
public sealed class MomentumWarmupOptions
{
    /// <summary>The momentum at the start (SGD's and RMSprop's momentum, Adam's β1).</summary>
    [Description("Momentum at the start of training (sgd and rmsprop momentum, adam's beta1).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Start { get; set; } = 0.5;

    /// <summary>The warm-up's length in epochs.</summary>
    [Description("Length of the momentum warm-up in epochs (fractions allowed); 0 with steps 0 turns it off.")]
    [Range(0.0, 1e6)]
    public double Epochs { get; set; }

    /// <summary>The warm-up's length in training steps, added to <see cref="Epochs"/>.</summary>
    [Description("Length of the momentum warm-up in training steps, added to epochs.")]
    [Range(0L, long.MaxValue)]
    public long Steps { get; set; }

    /// <summary>How the momentum changes over the warm-up.</summary>
    [Description("step: the start value throughout, then the optimiser's; linear: a straight line between them.")]
    public MomentumWarmupShape Shape { get; set; } = MomentumWarmupShape.Step;
}
