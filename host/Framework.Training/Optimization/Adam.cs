using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019), PyTorch's rules.</summary>
/// <remarks>
/// With gradient g, moments m and v, step t and the bias corrections c1 = 1 − β1^t, c2 = 1 − β2^t:
/// g ← g + λθ (adam) or θ ← θ(1 − ηλ) (adamw); m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
/// θ ← θ − (η / c1) m / (√v / √c2 + ε). On the CPU the whole update is PyTorch's fused kernel
/// (<see cref="FusedCpuKernels"/>); elsewhere the in-place operations below, which the tests hold the kernel to.
/// </remarks>
internal sealed class Adam(bool decoupledWeightDecay) : OptimizerAlgorithm
{
    public const string FirstMoment = "exp_avg";
    public const string SecondMoment = "exp_avg_sq";

    /// <summary>Whether <see cref="Update"/> may use the fused kernel (tests turn it off to check the plain path).</summary>
    public bool UseFusedKernel { get; init; } = true;

    public override BucketState CreateState(ParameterBucket bucket)
    {
        var state = new BucketState();
        state.Add(FirstMoment, bucket.Values);
        state.Add(SecondMoment, bucket.Values);
        return state;
    }

    public override void Update(ParameterBucket bucket, BucketState state, OptimizerStep step)
    {
        var (values, gradient) = (bucket.Values, bucket.Gradients!);
        var (m, v) = (state[FirstMoment], state[SecondMoment]);
        var (beta1, beta2, eps) = (step.Momentum, step.Settings.Beta2, step.Settings.Epsilon);
        var (lr, decay) = (step.LearningRate, step.WeightDecay);
        using var noGrad = no_grad();
        if (UseFusedKernel && FusedCpuKernels.Handles(values))
        {
            FusedCpuKernels.Adam(decoupledWeightDecay, values, gradient, m, v, step.Number, lr, beta1, beta2, decay, eps);
            return;
        }

        using var scope = NewDisposeScope();
        if (decay != 0 && decoupledWeightDecay)
            values.mul_(1 - lr * decay);
        else if (decay != 0)
            gradient.add_(values, alpha: decay);
        var correction1 = 1 - Math.Pow(beta1, step.Number);
        var sqrtCorrection2 = Math.Sqrt(1 - Math.Pow(beta2, step.Number));
        m.mul_(beta1).add_(gradient, alpha: 1 - beta1);
        v.mul_(beta2).addcmul_(gradient, gradient, 1 - beta2);
        // √c2 moved out of the denominator: θ −= (η √c2 / c1) m / (√v + ε √c2).
        var denominator = v.sqrt().add_(eps * sqrtCorrection2);
        values.addcdiv_(m, denominator, -lr * sqrtCorrection2 / correction1);
    }
}
