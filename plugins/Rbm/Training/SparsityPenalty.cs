using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Training;

/// <summary>Pulls the running mean activation q of each hidden unit towards a target p by adding
/// -cost·(q - p) to the hidden biases' gradient and -cost·mean(v)·(q - p) to the weights' gradient, the derivative
/// of the cross-entropy between p and q with respect to a unit's input (Hinton's guide, section 11).</summary>
internal sealed class SparsityPenalty(int hiddenCount, double target, double cost, double decay, Device device) : IDisposable
{
    /// <summary>q, the exponentially decaying average of p(h = 1 | v) over training batches; starts at the target.</summary>
    public Tensor RunningActivation { get; } = full(hiddenCount, target, dtype: ScalarType.Float32, device: device);

    public bool IsActive => target > 0 && cost > 0;

    public void Adjust(RbmGradient gradient, Tensor data, Tensor dataHidden)
    {
        if (!IsActive)
            return;
        using var noGrad = no_grad();
        RunningActivation.mul_(decay).add_(dataHidden.mean([0]), alpha: 1 - decay);
        var excess = RunningActivation - target;
        gradient.HiddenBias.add_(excess, alpha: -cost);
        gradient.AddWeightTerm(data.mean([0]).unsqueeze(0), excess.unsqueeze(0), -cost);
    }

    public void Dispose() => RunningActivation.Dispose();
}
