using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Evaluation;

/// <summary>Computes the -ELBO of a data set in batches, with its KL per dimension and the spread of posterior means.</summary>
/// <remarks>Sums accumulate on the device in double precision and are read back once, at the end.</remarks>
internal static class ElboEvaluator
{
    public static ElboSummary Run(VaeNetwork network, Tensor examples, int batchSize, int samples, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = examples.shape[0];
        var latent = network.LatentDim;
        var device = examples.device;
        var reconstruction = zeros(1, float64, device);
        var kl = zeros(latent, float64, device);
        var meanSum = zeros(latent, float64, device);
        var meanSquareSum = zeros(latent, float64, device);

        for (long start = 0; start < count; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var x = examples.narrow(0, start, Math.Min(batchSize, count - start));
            var flat = x.reshape(x.shape[0], -1);
            var (mean, logVariance) = network.Encode(x);
            kl.add_(GaussianKl.PerDimension(mean, logVariance).sum(dim: 0).to(float64));
            var mean64 = mean.to(float64);
            meanSum.add_(mean64.sum(dim: 0));
            meanSquareSum.add_(mean64.square().sum(dim: 0));

            var sigma = logVariance.mul(0.5).exp_();
            for (var s = 0; s < samples; s++)
            {
                var z = addcmul(mean, randn(mean.shape, dtype: mean.dtype, device: device, generator: generator), sigma, 1);
                reconstruction.sub_(network.Observation.LogLikelihood(network.Decode(z), flat).sum().to(float64));
            }
        }

        var totals = cat([reconstruction, kl, meanSum, meanSquareSum]).cpu().data<double>().ToArray();
        var recon = totals[0] / samples / count;
        var klPerDimension = totals.AsSpan(1, latent).ToArray().Select(v => v / count).ToArray();
        var meanVariance = Enumerable.Range(0, latent)
            .Select(d => totals[1 + 2 * latent + d] / count - Math.Pow(totals[1 + latent + d] / count, 2))
            .ToArray();
        var klTotal = klPerDimension.Sum();
        return new ElboSummary(recon + klTotal, recon, klTotal, klPerDimension, meanVariance);
    }
}
