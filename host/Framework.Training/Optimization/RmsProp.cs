using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>RMSprop (Hinton's lecture 6e), PyTorch's rule, optionally centred and with momentum.</summary>
/// <remarks>
/// g ← g + λθ; s ← α s + (1 − α) g²; centred: a ← α a + (1 − α) g and r = √(s − a²) + ε, else r = √s + ε;
/// with momentum μ: b ← μ b + g / r and θ ← θ − η b, else θ ← θ − η g / r.
/// </remarks>
internal sealed class RmsProp : OptimizerAlgorithm
{
    public const string SquareAverage = "square_avg";
    public const string GradientAverage = "grad_avg";
    public const string MomentumBuffer = "momentum_buffer";

    public override BucketState CreateState(ParameterBucket bucket)
    {
        var state = new BucketState();
        state.Add(SquareAverage, bucket.Values);
        state.Add(GradientAverage, bucket.Values);
        state.Add(MomentumBuffer, bucket.Values);
        return state;
    }

    public override void Update(ParameterBucket bucket, BucketState state, OptimizerStep step)
    {
        var (values, gradient) = (bucket.Values, bucket.Gradients!);
        var settings = step.Settings;
        var alpha = settings.Alpha;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (step.WeightDecay != 0)
            gradient.add_(values, alpha: step.WeightDecay);
        var square = state[SquareAverage].mul_(alpha).addcmul_(gradient, gradient, 1 - alpha);
        Tensor root;
        if (settings.Centered)
        {
            var average = state[GradientAverage].mul_(alpha).add_(gradient, alpha: 1 - alpha);
            root = square.addcmul(average, average, -1).sqrt_().add_(settings.Epsilon);
        }
        else
        {
            root = square.sqrt().add_(settings.Epsilon);
        }

        if (step.Momentum > 0)
            values.add_(state[MomentumBuffer].mul_(step.Momentum).addcdiv_(gradient, root), alpha: -step.LearningRate);
        else
            values.addcdiv_(gradient, root, -step.LearningRate);
    }
}
