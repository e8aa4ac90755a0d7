using System.Text;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Testing;

/// <summary>An artifact sink that keeps every artifact in memory, for tests that check what a model logs.</summary>
public sealed class MemoryArtifactSink : IArtifactSink
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Every artifact so far, by its path; image grids hold the shape they were given, as text.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files;

    /// <inheritdoc />
    public void LogFile(string localPath, string? artifactPath = null) =>
        _files[Check(artifactPath ?? Path.GetFileName(localPath))] = File.ReadAllBytes(localPath);

    /// <inheritdoc />
    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content) => _files[Check(artifactPath)] = content.ToArray();

    /// <inheritdoc />
    public void LogText(string artifactPath, string text) => _files[Check(artifactPath)] = Encoding.UTF8.GetBytes(text);

    /// <inheritdoc />
    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() is < 2 or > 4)
            throw new ArgumentException($"Images must be [n, h, w], [n, c, h, w] or [n, d], got [{string.Join(", ", images.shape)}].", nameof(images));
        _files[Check(artifactPath)] = Encoding.UTF8.GetBytes($"image grid [{string.Join(", ", images.shape)}]");
    }

    private static string Check(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path) || path.Split('/').Contains(".."))
            throw new ArgumentException($"Artifact path '{path}' must be relative and stay inside the run's folder.", nameof(path));
        return path;
    }
}
