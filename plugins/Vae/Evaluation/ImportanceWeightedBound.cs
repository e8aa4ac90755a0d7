using Framework.Plugins.Vae.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Evaluation;

/// <summary>The importance-weighted lower bound on log p(x) with k samples (Burda, Grosse and Salakhutdinov 2016).</summary>
/// <remarks>
/// log p(x) ≥ E[log (1/k) Σ_i p(x|h_i) p(h_i) / q(h_i|x)], h_i ~ q(h|x). It equals the ELBO for k = 1, grows with k
/// and tends to log p(x). Latent draws are decoded in chunks of at most <c>chunkRows</c> rows so that memory stays
/// bounded for any k; the k log-weights of an example (small) are kept and reduced with one log-sum-exp in double
/// precision. The 0.5 log 2π terms of p(h) and q(h|x) cancel and are left out.
/// </remarks>
internal static class ImportanceWeightedBound
{
    /// <summary>The bound averaged over <paramref name="examples"/>, in nats per example.</summary>
    public static double Estimate(VaeNetwork network, Tensor examples, int k, int chunkRows, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var scope = NewDisposeScope();
        var count = examples.shape[0];
        var examplesPerChunk = Math.Max(1, chunkRows / k);
        var samplesPerChunk = Math.Min(k, Math.Max(1, chunkRows / examplesPerChunk));
        var total = zeros(1, float64, examples.device);
        var logK = Math.Log(k);

        for (long start = 0; start < count; start += examplesPerChunk)
        {
            using var chunkScope = NewDisposeScope();
            var x = examples.narrow(0, start, Math.Min(examplesPerChunk, count - start));
            var flat = x.reshape(x.shape[0], -1);
            var (mean, logVariance) = network.Encode(x);
            var sigma = logVariance.mul(0.5).exp_();
            var logDeterminant = logVariance.sum(-1).mul_(0.5);
            var logWeights = new List<Tensor>();
            for (var drawn = 0; drawn < k; drawn += samplesPerChunk)
            {
                var draws = Math.Min(samplesPerChunk, k - drawn);
                var eps = randn([draws, .. mean.shape], dtype: mean.dtype, device: mean.device, generator: generator);
                var z = addcmul(mean, eps, sigma, 1);
                var logPosterior = eps.square().sum(-1).mul_(-0.5).sub_(logDeterminant);
                var logPrior = z.square().sum(-1).mul_(-0.5);
                var output = network.Decode(z.reshape(-1, network.LatentDim)).reshape(draws, x.shape[0], -1);
                var logLikelihood = network.Observation.LogLikelihood(output, flat);
                logWeights.Add(logLikelihood.add_(logPrior).sub_(logPosterior));
            }

            total.add_(cat(logWeights, 0).to(float64).logsumexp(dim: 0).sub_(logK).sum());
        }

        return total.item<double>() / count;
    }
}
