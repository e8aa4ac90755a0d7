using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Benchmarks.Vae;

/// <summary>Drops artifacts: the benchmark measures training, not picture writing.</summary>
internal sealed class DiscardingArtifactSink : IArtifactSink
{
    public void LogFile(string localPath, string? artifactPath = null)
    {
    }

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content)
    {
    }

    public void LogText(string artifactPath, string text)
    {
    }

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1)
    {
    }
}
