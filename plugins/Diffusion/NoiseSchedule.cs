using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion;

/// <summary>The forward process q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1}, beta_t I) of a DDPM and the closed forms
/// it implies (Ho et al. 2020, Eqs. 4, 6, 7), for timesteps indexed 0..T-1 as in Ho et al.'s code.</summary>
/// <remarks>The schedule is computed in double precision (as the reference does in float64) and kept twice: as arrays
/// for scalar use (DDIM's alpha_bar at arbitrary steps, tests) and as float32 tables on the model's device, gathered per
/// example with <see cref="At"/>.</remarks>
internal sealed class NoiseSchedule : IDisposable
{
    private readonly Tensor _sqrtAlphaBar, _sqrtOneMinusAlphaBar, _sqrtRecipAlphaBar, _sqrtRecipAlphaBarMinusOne;
    private readonly Tensor _posteriorCoefX0, _posteriorCoefXt, _posteriorLogVariance, _reverseLogVariance;

    private NoiseSchedule(double[] betas, ReverseVariance variance, Device device)
    {
        Betas = betas;
        var count = betas.Length;
        AlphaBars = new double[count];
        var product = 1.0;
        for (var t = 0; t < count; t++)
            AlphaBars[t] = product *= 1 - betas[t];
        PosteriorVariances = new double[count];
        var coefX0 = new double[count];
        var coefXt = new double[count];
        for (var t = 0; t < count; t++)
        {
            var previous = AlphaBarPrevious(t);
            PosteriorVariances[t] = betas[t] * (1 - previous) / (1 - AlphaBars[t]);
            coefX0[t] = betas[t] * Math.Sqrt(previous) / (1 - AlphaBars[t]);
            coefXt[t] = (1 - previous) * Math.Sqrt(1 - betas[t]) / (1 - AlphaBars[t]);
        }

        // beta~_0 is 0: its log is clipped to beta~_1's, as in Ho et al.'s code (it only sets the decoder's width at t = 0).
        var posteriorLog = PosteriorVariances.Select((v, t) => Math.Log(t == 0 ? PosteriorVariances[Math.Min(1, count - 1)] : v)).ToArray();
        var reverseLog = variance == ReverseVariance.Small
            ? posteriorLog
            : betas.Select((b, t) => Math.Log(t == 0 ? PosteriorVariances[Math.Min(1, count - 1)] : b)).ToArray();
        ReverseLogVariances = reverseLog;

        Tensor Table(IEnumerable<double> values) => tensor(values.Select(v => (float)v).ToArray(), device: device).DetachFromDisposeScope();
        _sqrtAlphaBar = Table(AlphaBars.Select(Math.Sqrt));
        _sqrtOneMinusAlphaBar = Table(AlphaBars.Select(a => Math.Sqrt(1 - a)));
        _sqrtRecipAlphaBar = Table(AlphaBars.Select(a => Math.Sqrt(1 / a)));
        _sqrtRecipAlphaBarMinusOne = Table(AlphaBars.Select(a => Math.Sqrt(1 / a - 1)));
        _posteriorCoefX0 = Table(coefX0);
        _posteriorCoefXt = Table(coefXt);
        _posteriorLogVariance = Table(posteriorLog);
        _reverseLogVariance = Table(reverseLog);
    }

    /// <summary>beta_t for t = 0..T-1.</summary>
    public double[] Betas { get; }

    /// <summary>alpha_bar_t = prod_{s &lt;= t} (1 - beta_s).</summary>
    public double[] AlphaBars { get; }

    /// <summary>beta~_t = beta_t (1 - alpha_bar_{t-1}) / (1 - alpha_bar_t), the variance of q(x_{t-1} | x_t, x_0).</summary>
    public double[] PosteriorVariances { get; }

    /// <summary>log sigma_t² of the reverse step p(x_{t-1} | x_t) (at t = 0 clipped to step 1's value).</summary>
    public double[] ReverseLogVariances { get; }

    /// <summary>T.</summary>
    public int Steps => Betas.Length;

    /// <summary>Linear betas from <paramref name="start"/> to <paramref name="end"/> (Ho et al. 2020).</summary>
    public static NoiseSchedule Linear(int steps, double start, double end, ReverseVariance variance, Device device) =>
        new(Enumerable.Range(0, steps).Select(i => steps == 1 ? start : start + (end - start) * i / (steps - 1)).ToArray(), variance, device);

    /// <summary>alpha_bar(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) pi/2), beta_t = min(1 - alpha_bar_t/alpha_bar_{t-1}, 0.999)
    /// (Nichol and Dhariwal 2021, Eq. 17).</summary>
    public static NoiseSchedule Cosine(int steps, double offset, ReverseVariance variance, Device device)
    {
        double F(int t) => Math.Pow(Math.Cos(((double)t / steps + offset) / (1 + offset) * Math.PI / 2), 2);
        return new(Enumerable.Range(0, steps).Select(t => Math.Min(1 - F(t + 1) / F(t), 0.999)).ToArray(), variance, device);
    }

    /// <summary>alpha_bar_{t-1}, with alpha_bar_{-1} = 1.</summary>
    public double AlphaBarPrevious(int t) => t == 0 ? 1.0 : AlphaBars[t - 1];

    /// <summary>x_t ~ q(x_t | x_0) = N(sqrt(alpha_bar_t) x_0, (1 - alpha_bar_t) I), given the noise: Eq. (4).</summary>
    public Tensor Diffuse(Tensor x0, Tensor t, Tensor noise) => At(_sqrtAlphaBar, t, x0) * x0 + At(_sqrtOneMinusAlphaBar, t, x0) * noise;

    /// <summary>One forward step x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) noise, at one timestep for all examples.</summary>
    public Tensor Step(Tensor previous, int t, Tensor noise) => Math.Sqrt(1 - Betas[t]) * previous + Math.Sqrt(Betas[t]) * noise;

    /// <summary>x_0 = (x_t - sqrt(1 - alpha_bar_t) eps) / sqrt(alpha_bar_t): Eq. (4) solved for x_0.</summary>
    public Tensor PredictX0(Tensor xt, Tensor t, Tensor noise) => At(_sqrtRecipAlphaBar, t, xt) * xt - At(_sqrtRecipAlphaBarMinusOne, t, xt) * noise;

    /// <summary>eps = (x_t - sqrt(alpha_bar_t) x_0) / sqrt(1 - alpha_bar_t): Eq. (4) solved for the noise.</summary>
    public Tensor NoiseFrom(Tensor xt, Tensor t, Tensor x0) => (xt - At(_sqrtAlphaBar, t, xt) * x0) / At(_sqrtOneMinusAlphaBar, t, xt);

    /// <summary>v = sqrt(alpha_bar_t) eps - sqrt(1 - alpha_bar_t) x_0, the velocity of Salimans and Ho (2022).</summary>
    public Tensor Velocity(Tensor x0, Tensor t, Tensor noise) => At(_sqrtAlphaBar, t, x0) * noise - At(_sqrtOneMinusAlphaBar, t, x0) * x0;

    /// <summary>eps = sqrt(1 - alpha_bar_t) x_t + sqrt(alpha_bar_t) v: the noise given x_t and the velocity.</summary>
    public Tensor NoiseFromVelocity(Tensor xt, Tensor t, Tensor v) => At(_sqrtOneMinusAlphaBar, t, xt) * xt + At(_sqrtAlphaBar, t, xt) * v;

    /// <summary>The mean mu~_t(x_t, x_0) of q(x_{t-1} | x_t, x_0): Eq. (7).</summary>
    public Tensor PosteriorMean(Tensor x0, Tensor xt, Tensor t) => At(_posteriorCoefX0, t, xt) * x0 + At(_posteriorCoefXt, t, xt) * xt;

    /// <summary>log beta~_t per example, broadcastable against <paramref name="like"/>.</summary>
    public Tensor PosteriorLogVariance(Tensor t, Tensor like) => At(_posteriorLogVariance, t, like);

    /// <summary>The reverse step's mean mu_theta(x_t, t) = mu~_t(x_t, x_0 predicted from eps_theta) and its log variance.</summary>
    /// <param name="xt">x_t.</param>
    /// <param name="t">Timesteps, one per example.</param>
    /// <param name="predictedNoise">eps_theta(x_t, t).</param>
    /// <param name="clipX0">Clip the predicted x_0 to the data's [-1, 1], as Ho et al.'s sampler does.</param>
    public (Tensor Mean, Tensor LogVariance) Reverse(Tensor xt, Tensor t, Tensor predictedNoise, bool clipX0)
    {
        var x0 = PredictX0(xt, t, predictedNoise);
        if (clipX0)
            x0 = x0.clamp(-1, 1);
        return (PosteriorMean(x0, xt, t), At(_reverseLogVariance, t, xt));
    }

    /// <summary>Gathers one value per example and shapes it [b, 1, ...] to broadcast over <paramref name="like"/>.</summary>
    public static Tensor At(Tensor table, Tensor t, Tensor like)
    {
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = -1;
        return table.index_select(0, t).view(shape);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var table in new[] { _sqrtAlphaBar, _sqrtOneMinusAlphaBar, _sqrtRecipAlphaBar, _sqrtRecipAlphaBarMinusOne,
                     _posteriorCoefX0, _posteriorCoefXt, _posteriorLogVariance, _reverseLogVariance })
            table.Dispose();
    }
}
