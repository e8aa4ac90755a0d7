using Framework.Contracts.Data;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Evaluation;

/// <summary>Samples from the same noise at every evaluation, drawn as one grid per evaluation
/// (<c>fixed_noise/epoch_NNN.png</c>), so that the sequence of pictures shows how the generator's map from noise to
/// examples develops (pytorch/examples dcgan's <c>fixed_noise</c>).</summary>
internal static class FixedNoiseGrid
{
    public static void Log(IEvaluationContext context, Tensor samples, ValueRange range)
    {
        // Vector data are not pictures; the host saves its samples of them as .npy.
        if (samples.shape[0] == 0 || context.Data.Layout == SampleLayout.Vector)
            return;
        var epoch = context.GlobalStep / Math.Max(1, context.StepsPerEpoch);
        context.Artifacts.LogImageGrid($"fixed_noise/epoch_{epoch:D3}.png", samples, 0, range.Min, range.Max);
    }
}
