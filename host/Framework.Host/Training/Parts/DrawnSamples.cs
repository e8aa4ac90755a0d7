using Framework.Contracts.Data;
using Framework.Contracts.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Training.Parts;

/// <summary>How drawn samples are kept, by a run as it trains and by <c>fw sample</c> after it: an image grid of the first
/// <see cref="GridLimit"/> when the data are images, and every sample as .npy when asked (or when they cannot be drawn).</summary>
internal static class DrawnSamples
{
    /// <summary>The most samples drawn into one image grid: thousands drawn for a sample-quality score would make a
    /// picture nobody can read.</summary>
    public const int GridLimit = 256;

    /// <summary>Writes <paramref name="samples"/> as <c>name.png</c> and, where <paramref name="keepArray"/> or no grid was
    /// drawn, <c>name.npy</c>.</summary>
    /// <returns>Whether a grid was drawn.</returns>
    public static bool Save(IArtifactSink artifacts, Tensor samples, Dataset data, string name, bool keepArray, ILogger logger)
    {
        var drawn = data.Layout != SampleLayout.Vector && TrySaveGrid(artifacts, samples.narrow(0, 0, Math.Min(samples.shape[0], GridLimit)), data, name, logger);
        if (!drawn || keepArray)
            artifacts.LogBytes(name + ".npy", Internal.NpyWriter.Encode(samples));
        return drawn;
    }

    private static bool TrySaveGrid(IArtifactSink artifacts, Tensor samples, Dataset data, string name, ILogger logger)
    {
        try
        {
            artifacts.LogImageGrid(name + ".png", samples, 0, data.ValueRange.Min, data.ValueRange.Max);
            return true;
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("Samples of shape [{Shape}] are not drawable as images ({Reason}); saved as .npy", string.Join(", ", samples.shape), e.Message);
            return false;
        }
    }
}
