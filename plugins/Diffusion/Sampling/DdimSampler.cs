using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Sampling;

/// <summary>DDIM (Song et al. 2021, Eq. 12) on the timesteps range(0, T, T / steps):
/// x_prev = sqrt(a_prev) x0_hat + sqrt(1 - a_prev - sigma²) eps_theta + sigma z, with
/// sigma = eta sqrt((1 - a_prev)/(1 - a_t) (1 - a_t/a_prev)) and a = alpha_bar (a_{-1} = 1).</summary>
/// <remarks>With eta = 1 on all T timesteps, sigma² is beta~_t and the mean is the posterior mean at x0_hat: the ancestral
/// sampler with the small variance. Clipping x0_hat re-derives eps from it (as diffusers' DDIMScheduler does), which keeps
/// that identity.</remarks>
internal sealed class DdimSampler : ReverseSampler
{
    private readonly NoiseSchedule _schedule;
    private readonly double _eta;
    private readonly bool _clipX0;
    private readonly int[] _timesteps;

    public DdimSampler(NoiseSchedule schedule, int steps, double eta, bool clipX0)
    {
        if (steps > schedule.Steps)
            throw new ArgumentException($"model.sampling_steps ({steps}) cannot exceed model.timesteps ({schedule.Steps}).", nameof(steps));
        _schedule = schedule;
        _eta = eta;
        _clipX0 = clipX0;
        var stride = schedule.Steps / steps;
        _timesteps = Enumerable.Range(0, schedule.Steps).Where(t => t % stride == 0).Reverse().ToArray();
    }

    public override IReadOnlyList<int> Timesteps => _timesteps;

    public override (Tensor Mean, Tensor? Deviation) Transition(Tensor x, int index, Tensor predictedNoise)
    {
        var t = _timesteps[index];
        var previous = index + 1 < _timesteps.Length ? _timesteps[index + 1] : -1;
        double alphaBar = _schedule.AlphaBars[t], alphaBarPrevious = previous < 0 ? 1.0 : _schedule.AlphaBars[previous];
        var x0 = (x - Math.Sqrt(1 - alphaBar) * predictedNoise) / Math.Sqrt(alphaBar);
        var noise = predictedNoise;
        if (_clipX0)
        {
            x0 = x0.clamp(-1, 1);
            noise = (x - Math.Sqrt(alphaBar) * x0) / Math.Sqrt(1 - alphaBar);
        }

        var sigma = _eta * Math.Sqrt((1 - alphaBarPrevious) / (1 - alphaBar) * (1 - alphaBar / alphaBarPrevious));
        var mean = Math.Sqrt(alphaBarPrevious) * x0 + Math.Sqrt(Math.Max(1 - alphaBarPrevious - sigma * sigma, 0)) * noise;
        return (mean, sigma > 0 ? tensor(sigma, dtype: x.dtype, device: x.device) : null);
    }
}
