using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>Stochastic gradient descent with momentum and Nesterov momentum, PyTorch's rule (dampening 0).</summary>
/// <remarks>
/// g ← g + λθ; b ← g at the first step, then b ← μ b + g; d = g + μ b (Nesterov) or b; θ ← θ − η d. Without momentum
/// no buffer is kept. On the CPU the update is PyTorch's fused kernel (<see cref="FusedCpuKernels"/>).
/// </remarks>
internal sealed class Sgd : OptimizerAlgorithm
{
    public const string MomentumBuffer = "momentum_buffer";

    /// <summary>Whether <see cref="Update"/> may use the fused kernel (tests turn it off to check the plain path).</summary>
    public bool UseFusedKernel { get; init; } = true;

    public override BucketState CreateState(ParameterBucket bucket)
    {
        var state = new BucketState();
        state.Add(MomentumBuffer, bucket.Values);
        return state;
    }

    public override void Update(ParameterBucket bucket, BucketState state, OptimizerStep step)
    {
        var (values, gradient, buffer) = (bucket.Values, bucket.Gradients!, state[MomentumBuffer]);
        var (lr, momentum, decay, nesterov) = (step.LearningRate, step.Momentum, step.WeightDecay, step.Settings.Nesterov);
        using var noGrad = no_grad();
        if (UseFusedKernel && FusedCpuKernels.Handles(values))
        {
            FusedCpuKernels.Sgd(values, gradient, momentum == 0 ? null : buffer, lr, momentum, decay, nesterov, firstStep: !state.MomentumStarted);
            state.MomentumStarted |= momentum != 0;
            return;
        }

        if (decay != 0)
            gradient.add_(values, alpha: decay);
        if (momentum == 0)
        {
            values.add_(gradient, alpha: -lr);
            return;
        }

        if (!state.MomentumStarted)
            buffer.copy_(gradient);
        else
            buffer.mul_(momentum).add_(gradient);
        state.MomentumStarted = true;
        if (nesterov)
            values.add_(gradient.add_(buffer, alpha: momentum), alpha: -lr);
        else
            values.add_(buffer, alpha: -lr);
    }
}
