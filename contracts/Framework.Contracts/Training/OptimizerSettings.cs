namespace Framework.Contracts.Training;

/// <summary>The configured hyperparameters of one optimiser group: <c>training.optimizer</c>, or
/// <c>training.optimizers.NAME</c> for a model with several groups.</summary>
/// <remarks>
/// Since contracts 2.0 the host builds the optimiser itself (<see cref="IOptimizerFactory"/>); a model reads these only
/// where its own kernel applies the update (<see cref="IOptimizer.TakeStep"/>). The learning rate and momentum here are
/// the base values that schedules scale; <see cref="OptimizerStep"/> carries the values of a step. Each algorithm follows
/// PyTorch's rule of the same name, so results compare with <c>torch.optim</c>.
/// </remarks>
/// <param name="Name">One of <see cref="Names"/>.</param>
/// <param name="LearningRate">The base learning rate.</param>
/// <param name="Momentum">SGD's and RMSprop's momentum (the value after any momentum warm-up).</param>
/// <param name="WeightDecay">L2 penalty added to the gradient (<c>adam</c>, <c>sgd</c>, <c>rmsprop</c>), or the
/// decoupled decay of <c>adamw</c>.</param>
/// <param name="Beta1">Adam's first-moment decay.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
/// <param name="Epsilon">The denominator term of Adam and RMSprop.</param>
/// <param name="GradientClip">The largest global gradient norm of the group, or 0 for no clipping.</param>
public sealed record OptimizerSettings(
    string Name = "adam",
    double LearningRate = 1e-3,
    double Momentum = 0.0,
    double WeightDecay = 0.0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double GradientClip = 0.0)
{
    /// <summary>The optimiser algorithms the host builds.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adam", "adamw", "sgd", "rmsprop"];

    /// <summary>SGD with Nesterov momentum (PyTorch's <c>nesterov=True</c>); needs a momentum above 0.</summary>
    public bool Nesterov { get; init; }

    /// <summary>RMSprop's smoothing constant (PyTorch's <c>alpha</c>).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>Centred RMSprop: normalise by an estimate of the gradient's variance instead of its second moment.</summary>
    public bool Centered { get; init; }
}
