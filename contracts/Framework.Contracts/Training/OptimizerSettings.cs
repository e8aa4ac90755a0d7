using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>The optimiser settings of an experiment file's <c>training.optimizer</c> section.</summary>
/// <remarks>
/// Models that train by backpropagation call <see cref="Create"/>; models with closed-form updates (an RBM's
/// contrastive divergence) read <see cref="LearningRate"/>, <see cref="Momentum"/> and <see cref="WeightDecay"/> and
/// apply them themselves. A GAN-like model creates one optimiser per network from the same settings.
/// </remarks>
/// <param name="Name">One of <c>adam</c>, <c>adamw</c> or <c>sgd</c>.</param>
/// <param name="LearningRate">The (initial) learning rate.</param>
/// <param name="Momentum">SGD momentum (final value where a model schedules it).</param>
/// <param name="WeightDecay">L2 penalty (decoupled for <c>adamw</c>).</param>
/// <param name="Beta1">Adam's first-moment decay.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
/// <param name="Epsilon">Adam's denominator term.</param>
/// <param name="GradientClip">Maximum global gradient norm, or 0 for no clipping.</param>
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
    /// <summary>The optimiser names <see cref="Create"/> understands.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adam", "adamw", "sgd"];

    /// <summary>Creates the configured optimiser over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <returns>
    /// A new optimiser, owned by the caller. Its <c>save_state_dict(BinaryWriter)</c> and
    /// <c>load_state_dict(BinaryReader)</c> belong in <see cref="Models.IModel.SaveState"/> and <c>LoadState</c>.
    /// </returns>
    public OptimizerHelper Create(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Name switch
        {
            "adam" => optim.Adam(parameters, LearningRate, Beta1, Beta2, Epsilon, WeightDecay),
            "adamw" => optim.AdamW(parameters, LearningRate, Beta1, Beta2, Epsilon, WeightDecay),
            "sgd" => optim.SGD(parameters, LearningRate, Momentum, weight_decay: WeightDecay),
            _ => throw new ArgumentException($"Unknown optimizer '{Name}'; allowed: {string.Join(", ", Names)}."),
        };
    }

    /// <summary>Clips the global gradient norm of <paramref name="parameters"/> to <see cref="GradientClip"/> when it is positive.</summary>
    /// <param name="parameters">The parameters whose gradients to clip.</param>
    public void ClipGradients(IEnumerable<Parameter> parameters)
    {
        if (GradientClip > 0)
            nn.utils.clip_grad_norm_(parameters, GradientClip);
    }
}
