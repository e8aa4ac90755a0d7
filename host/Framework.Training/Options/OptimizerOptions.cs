using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Framework.Contracts.Training;

namespace Framework.Training.Options;

/// <summary>The <c>training.optimizer</c> section: the algorithm and hyperparameters of a model's optimiser, and the
/// base that every <c>training.optimizers.NAME</c> section of a model with several groups overrides.</summary>
public class OptimizerOptions
{
    /// <summary>The algorithm, with PyTorch's update rule of the same name.</summary>
    [Description("Optimiser algorithm, with PyTorch's update rule of the same name.")]
    [AllowedValues("adam", "adamw", "sgd", "rmsprop")]
    public string Name { get; set; } = "adam";

    /// <summary>The base learning rate that schedules scale.</summary>
    [Description("Base learning rate; training.schedule scales it step by step.")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double Lr { get; set; } = 1e-3;

    /// <summary>SGD's and RMSprop's momentum.</summary>
    [Description("Momentum of sgd and rmsprop (the value reached after schedule.momentum_warmup).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; set; }

    /// <summary>Nesterov momentum for SGD.</summary>
    [Description("Nesterov momentum (sgd; needs momentum > 0).")]
    public bool Nesterov { get; set; }

    /// <summary>The L2 penalty, decoupled for AdamW.</summary>
    [Description("L2 weight decay, added to the gradient (adam, sgd, rmsprop) or decoupled (adamw).")]
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; }

    /// <summary>Adam's first-moment decay.</summary>
    [Description("Adam's first-moment decay (the value reached after schedule.momentum_warmup).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam's second-moment decay.</summary>
    [Description("Adam's second-moment decay.")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; set; } = 0.999;

    /// <summary>The denominator term of Adam and RMSprop.</summary>
    [Description("Denominator term of adam, adamw and rmsprop.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Eps { get; set; } = 1e-8;

    /// <summary>RMSprop's smoothing constant.</summary>
    [Description("RMSprop's smoothing constant (PyTorch's alpha).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Alpha { get; set; } = 0.99;

    /// <summary>Centred RMSprop.</summary>
    [Description("Centred rmsprop: normalise by the gradient's estimated variance.")]
    public bool Centered { get; set; }

    /// <summary>The largest global gradient norm of the group; 0 disables clipping.</summary>
    [Description("Clip the group's global gradient norm to this value; 0 disables clipping.")]
    [Range(0.0, 1e6)]
    public double GradientClip { get; set; }

    /// <summary>The contracts' form of these settings.</summary>
    /// <returns>The settings.</returns>
    public OptimizerSettings ToSettings() => new(Name, Lr, Momentum, WeightDecay, Beta1, Beta2, Eps, GradientClip)
    {
        Nesterov = Nesterov,
        Alpha = Alpha,
        Centered = Centered,
    };
}
