using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Framework.Contracts.Training;

namespace Framework.Host.Experiments;

/// <summary>The <c>training.optimizer</c> section; becomes the plugins' <see cref="OptimizerSettings"/>.</summary>
internal sealed class OptimizerOptions
{
    [Description("Optimiser algorithm.")]
    [AllowedValues("adam", "adamw", "sgd")]
    public string Name { get; set; } = "adam";

    [Description("Learning rate.")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double Lr { get; set; } = 1e-3;

    [Description("SGD momentum (for RBMs: the final value of the momentum schedule).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; set; } = 0.0;

    [Description("L2 weight decay (decoupled for adamw).")]
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; } = 0.0;

    [Description("Adam's first-moment decay.")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; set; } = 0.9;

    [Description("Adam's second-moment decay.")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; set; } = 0.999;

    [Description("Adam's denominator term.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Eps { get; set; } = 1e-8;

    [Description("Clip the global gradient norm to this value; 0 disables clipping.")]
    [Range(0.0, 1e6)]
    public double GradientClip { get; set; } = 0.0;

    /// <summary>The contracts' form that plugins receive.</summary>
    public OptimizerSettings ToSettings() => new(Name, Lr, Momentum, WeightDecay, Beta1, Beta2, Eps, GradientClip);
}
