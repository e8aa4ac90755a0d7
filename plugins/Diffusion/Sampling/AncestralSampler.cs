using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Sampling;

/// <summary>Ho et al.'s Algorithm 2: x_{t-1} = mu_theta(x_t, t) + sigma_t z through every t = T-1..0, with no noise at
/// the last step; mu_theta is the posterior mean at the x_0 predicted from eps_theta (clipped to [-1, 1] if asked).</summary>
internal sealed class AncestralSampler(NoiseSchedule schedule, bool clipX0) : ReverseSampler
{
    private readonly int[] _timesteps = Enumerable.Range(0, schedule.Steps).Reverse().ToArray();

    public override IReadOnlyList<int> Timesteps => _timesteps;

    public override (Tensor Mean, Tensor? Deviation) Transition(Tensor x, int index, Tensor predictedNoise)
    {
        var t = _timesteps[index];
        var steps = full([x.shape[0]], t, dtype: int64, device: x.device);
        var (mean, logVariance) = schedule.Reverse(x, steps, predictedNoise, clipX0);
        return (mean, t > 0 ? exp(0.5 * logVariance) : null);
    }
}
