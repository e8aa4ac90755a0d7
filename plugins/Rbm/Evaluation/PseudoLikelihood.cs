using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>The stochastic pseudo-log-likelihood estimator of scikit-learn's BernoulliRBM.score_samples.</summary>
/// <remarks>
/// The pseudo-log-likelihood of an example is the TOTAL over units, Σ_i log p(v_i | v_-i). This estimates it
/// without bias by one random unit i per example: V · log σ(F(v with v_i flipped) - F(v)), in nats per example.
/// </remarks>
internal static class PseudoLikelihood
{
    public static Tensor PerExample(RestrictedBoltzmannMachine machine, Tensor visible, Generator generator)
    {
        var count = visible.shape[0];
        var units = visible.shape[1];
        var unit = randint(0, units, [count], dtype: ScalarType.Int64, device: visible.device, generator: generator);
        var mask = F.one_hot(unit, units).to_type(visible.dtype);
        var flipped = visible + mask * (1 - 2 * visible);
        var difference = (machine.FreeEnergy(flipped) - machine.FreeEnergy(visible)).to_type(ScalarType.Float64);
        return F.logsigmoid(difference) * units;
    }
}
