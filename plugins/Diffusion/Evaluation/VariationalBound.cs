using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Evaluation;

/// <summary>The negative variational bound of Ho et al. (Eq. 5), -log p(x_0) &lt;= L_T + sum_{t=2..T} L_{t-1} + L_0, in nats
/// per example, with the reverse process the samplers use (same mean, variance and x_0 clipping).</summary>
/// <remarks>With timesteps indexed 0..T-1 as in the code, the KL terms are those of t = 1..T-1 and the decoder reads
/// x_1 at t = 0. The sum over t is exact (every term, each on its own x_t ~ q(x_t | x_0)) or estimated without bias
/// as (T - 1) times the mean of k terms at uniform t in 1..T-1.</remarks>
internal sealed class VariationalBound(NoiseSchedule schedule, Func<Tensor, Tensor, Tensor> predictNoise, bool clipX0, int decoderBins)
{
    /// <summary>L_T = KL(q(x_T | x_0) || N(0, I)), summed over each example's values: [b].</summary>
    public Tensor Prior(Tensor x0)
    {
        var last = Timesteps(x0, schedule.Steps - 1);
        var mean = schedule.Diffuse(x0, last, zeros_like(x0));
        var logVariance = full_like(x0, Math.Log(1 - schedule.AlphaBars[^1]));
        return PerExample(GaussianKl.Between(mean, logVariance, zeros_like(x0), zeros_like(x0)));
    }

    /// <summary>L_{t-1} = KL(q(x_{t-1} | x_t, x_0) || p_theta(x_{t-1} | x_t)) for t >= 1 per example, at x_t drawn with <paramref name="noise"/>: [b].</summary>
    public Tensor Term(Tensor x0, Tensor t, Tensor noise)
    {
        var xt = schedule.Diffuse(x0, t, noise);
        var (modelMean, modelLogVariance) = schedule.Reverse(xt, t, predictNoise(xt, t), clipX0);
        return PerExample(GaussianKl.Between(schedule.PosteriorMean(x0, xt, t), schedule.PosteriorLogVariance(t, xt), modelMean, modelLogVariance));
    }

    /// <summary>L_0 = -log p_theta(x_0 | x_1) under the discretised Gaussian decoder, x_1 drawn with <paramref name="noise"/>: [b].</summary>
    public Tensor Decoder(Tensor x0, Tensor noise)
    {
        var first = Timesteps(x0, 0);
        var x1 = schedule.Diffuse(x0, first, noise);
        var (mean, logVariance) = schedule.Reverse(x1, first, predictNoise(x1, first), clipX0);
        return -PerExample(DiscretizedGaussian.LogLikelihood(x0, mean, 0.5 * logVariance, decoderBins));
    }

    /// <summary>Every term of the bound for a batch; the sum over t exact when <paramref name="timesteps"/> is 0, else
    /// estimated from that many uniform timesteps per example.</summary>
    public BoundTerms Compute(Tensor x0, int timesteps, Generator generator)
    {
        var batch = x0.shape[0];
        var diffusion = zeros(batch, dtype: float64, device: x0.device);
        if (timesteps == 0)
        {
            for (var t = 1; t < schedule.Steps; t++)
            {
                // One scope per term: the network's activations of T terms would not fit.
                using var scope = NewDisposeScope();
                diffusion.add_(Term(x0, Timesteps(x0, t), Noise(x0, generator)));
            }
        }
        else
        {
            for (var i = 0; i < timesteps; i++)
            {
                using var scope = NewDisposeScope();
                diffusion.add_(Term(x0, randint(1, schedule.Steps, [batch], generator: generator).to(x0.device), Noise(x0, generator)));
            }

            diffusion.mul_((double)(schedule.Steps - 1) / timesteps);
        }

        return new BoundTerms(Prior(x0), diffusion, Decoder(x0, Noise(x0, generator)));
    }

    private static Tensor PerExample(Tensor values) => values.flatten(1).sum(1);

    private static Tensor Timesteps(Tensor like, int t) => full([like.shape[0]], t, dtype: int64, device: like.device);

    private static Tensor Noise(Tensor like, Generator generator) => randn(like.shape, generator: generator).to(like.device);
}
