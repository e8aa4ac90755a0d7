using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Sampling;

/// <summary>A sampler of the reverse process: the timesteps it visits and the Gaussian transition from each, given the
/// network's noise prediction. The chain itself (<see cref="Run"/>) is the same for every sampler.</summary>
internal abstract class ReverseSampler
{
    /// <summary>The timesteps visited, from the noisiest down to 0.</summary>
    public abstract IReadOnlyList<int> Timesteps { get; }

    /// <summary>The transition from x at <c>Timesteps[index]</c>: its mean and its standard deviation, broadcastable
    /// against x (null: no noise).</summary>
    /// <param name="x">The current state.</param>
    /// <param name="index">The position in <see cref="Timesteps"/>.</param>
    /// <param name="predictedNoise">eps_theta(x, t).</param>
    public abstract (Tensor Mean, Tensor? Deviation) Transition(Tensor x, int index, Tensor predictedNoise);

    /// <summary>Runs the chain from x_T: each step x ← mean + std z, z ~ N(0, I) from <paramref name="generator"/>.</summary>
    /// <param name="xT">The start, N(0, I) draws.</param>
    /// <param name="predictNoise">eps_theta(x, t).</param>
    /// <param name="generator">The source of every noise draw.</param>
    /// <param name="observe">Called with (index, state) before each step and with (count, result) at the end; a state is
    /// freed after its step, so an observer keeps a copy.</param>
    /// <returns>The end of the chain, outside the steps' dispose scopes.</returns>
    public Tensor Run(Tensor xT, Func<Tensor, Tensor, Tensor> predictNoise, Generator generator, Action<int, Tensor>? observe = null)
    {
        var x = xT;
        for (var index = 0; index < Timesteps.Count; index++)
        {
            observe?.Invoke(index, x);
            // One scope per step keeps memory flat however many steps the chain has.
            using var scope = NewDisposeScope();
            var t = full([x.shape[0]], Timesteps[index], dtype: int64, device: x.device);
            var (mean, deviation) = Transition(x, index, predictNoise(x, t));
            var next = deviation is null ? mean : mean + deviation * Noise(x, generator);
            // The previous state is freed now rather than with the caller's scope: T states of a large batch would not fit.
            if (!ReferenceEquals(x, xT))
                x.Dispose();
            x = next.MoveToOuterDisposeScope();
        }

        observe?.Invoke(Timesteps.Count, x);
        return x;
    }

    private static Tensor Noise(Tensor like, Generator generator) => randn(like.shape, generator: generator).to(like.device);
}
