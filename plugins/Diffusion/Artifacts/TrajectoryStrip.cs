using Framework.Contracts.Training;
using Framework.Plugins.Diffusion.Sampling;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Artifacts;

/// <summary>A picture of denoising: a few chains of the sampler, one per row, shown at evenly spaced steps from x_T
/// (left) to the sample (right), through the host's image-grid writer.</summary>
internal static class TrajectoryStrip
{
    public static void Log(IEvaluationContext context, ReverseSampler sampler, Func<Tensor, Tensor, Tensor> predictNoise,
        DataScaling scaling, int samples, int frames)
    {
        var steps = sampler.Timesteps.Count;
        // Positions 0..steps in the chain (steps is the result), evenly spaced; fewer when the chain is short. The observer
        // runs in this call's scope, outside the sampler's per-step scopes, so the copies live until the call returns.
        var shown = Enumerable.Range(0, frames).Select(i => (int)Math.Round((double)i * steps / (frames - 1))).Distinct().ToHashSet();
        var captured = new List<Tensor>();
        var start = randn([samples, .. scaling.NetworkShape], generator: context.Generator).to(context.Device);
        sampler.Run(start, predictNoise, context.Generator, (index, x) =>
        {
            if (shown.Contains(index))
                captured.Add((index == steps ? scaling.ToData(x) : scaling.ToPicture(x)).clone());
        });

        // [frames, samples, ..] to rows of one chain each: [samples * frames, ..].
        var grid = stack(captured, 1).flatten(0, 1);
        var range = context.Data.ValueRange;
        context.Artifacts.LogImageGrid($"trajectories/step_{context.GlobalStep:D8}.png", grid, captured.Count, range.Min, range.Max);
    }
}
