using Framework.Contracts.Training;

namespace Framework.Training.Optimization;

/// <summary>One optimiser's update rule over flat buckets, with PyTorch's arithmetic.</summary>
internal abstract class OptimizerAlgorithm
{
    /// <summary>Creates the state buffers of one bucket.</summary>
    public abstract BucketState CreateState(ParameterBucket bucket);

    /// <summary>Applies one update to a bucket from its gradients.</summary>
    /// <param name="bucket">Values and gradients.</param>
    /// <param name="state">The bucket's state.</param>
    /// <param name="step">The update's number and scheduled values.</param>
    public abstract void Update(ParameterBucket bucket, BucketState state, OptimizerStep step);

    /// <summary>The rule of <paramref name="settings"/>'s algorithm.</summary>
    public static OptimizerAlgorithm For(OptimizerSettings settings) => settings.Name switch
    {
        "adam" => new Adam(decoupledWeightDecay: false),
        "adamw" => new Adam(decoupledWeightDecay: true),
        "sgd" => new Sgd(),
        "rmsprop" => new RmsProp(),
        _ => throw new ArgumentException(
            $"Unknown optimizer '{settings.Name}'; allowed: {string.Join(", ", OptimizerSettings.Names)}.", nameof(settings)),
    };
}
