using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>Estimates log Z by annealing from a base-rate model with known Z to the machine (Neal 2001;
/// Salakhutdinov and Murray 2008, "On the quantitative analysis of deep belief networks").</summary>
/// <remarks>
/// Each run starts with an exact sample of the base model and accumulates log p*_k(v) - log p*_{k-1}(v) along the
/// schedule, moving v by one Gibbs sweep of each intermediate distribution. The mean importance weight is an unbiased
/// estimate of Z / Z_base, so by Jensen the estimate of log Z tends to be low; the bounds are log(mean ± 3 standard
/// errors) of the weights, as in the paper. Log-weights are accumulated in float64.
/// </remarks>
internal static class AnnealedImportanceSampling
{
    public static AisEstimate Estimate(RestrictedBoltzmannMachine machine, Tensor baseVisible, int runs, double[] betas, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(betas);
        if (betas.Length < 2 || betas[0] != 0 || betas[^1] != 1)
            throw new ArgumentException("The inverse temperatures must run from 0 to 1.", nameof(betas));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logWeights = zeros(runs, dtype: ScalarType.Float64, device: machine.Weights.device);
        var visible = machine.SampleBase(runs, baseVisible, generator);
        for (var k = 1; k < betas.Length; k++)
        {
            using var stepScope = NewDisposeScope();
            var next = machine.AnnealStep(visible, logWeights, betas[k - 1], betas[k], baseVisible, generator).MoveToOuterDisposeScope();
            visible.Dispose();
            visible = next;
        }
        // The last step's Gibbs sweep is wasted, but keeping every step alike keeps the estimator simple and unbiased.
        return Summarise(logWeights.cpu(), machine.BaseLogPartition(baseVisible), runs, betas.Length - 1);
    }

    private static AisEstimate Summarise(Tensor logWeights, double baseLogZ, int runs, int steps)
    {
        var values = logWeights.data<double>().ToArray();
        var max = values.Max();
        var weights = values.Select(w => Math.Exp(w - max)).ToArray();
        var mean = weights.Average();
        var variance = weights.Sum(w => (w - mean) * (w - mean)) / (runs - 1);
        var standardError = Math.Sqrt(variance / runs);
        var sum = weights.Sum();
        var effectiveSampleSize = sum * sum / weights.Sum(w => w * w);
        double? lower = mean - 3 * standardError > 0 ? baseLogZ + max + Math.Log(mean - 3 * standardError) : null;
        return new AisEstimate(
            baseLogZ + max + Math.Log(mean),
            lower,
            baseLogZ + max + Math.Log(mean + 3 * standardError),
            baseLogZ,
            effectiveSampleSize,
            runs,
            steps);
    }
}
