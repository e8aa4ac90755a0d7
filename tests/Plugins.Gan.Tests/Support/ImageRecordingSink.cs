using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Support;

/// <summary>An artifact sink that keeps the values and shape of every image grid (the kit's memory sink keeps only a
/// description of them), so that tests can compare the pictures a model draws.</summary>
internal sealed class ImageRecordingSink : IArtifactSink
{
    public Dictionary<string, (long[] Shape, float[] Values, double Min, double Max)> Grids { get; } = new(StringComparer.Ordinal);

    public void LogFile(string localPath, string? artifactPath = null)
    {
    }

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content)
    {
    }

    public void LogText(string artifactPath, string text)
    {
    }

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1) =>
        Grids[artifactPath] = (images.shape, images.to(float32).reshape(-1).data<float>().ToArray(), min, max);
}
