using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>Receives files that belong to a run: images, tables, tensors.</summary>
/// <remarks>
/// Artifact paths are relative, use '/' as separator and may contain folders (<c>samples/epoch_003.png</c>).
/// The host stores them in the run folder and in the tracking store. Calls are cheap to make and never throw for a
/// tracking outage; they throw <see cref="ArgumentException"/> for a path that is absolute or leaves the run folder.
/// </remarks>
public interface IArtifactSink
{
    /// <summary>Copies an existing file into the run's artifacts.</summary>
    /// <param name="localPath">The file to copy.</param>
    /// <param name="artifactPath">The relative path to store it under; the file name when null.</param>
    void LogFile(string localPath, string? artifactPath = null);

    /// <summary>Stores bytes as an artifact.</summary>
    /// <param name="artifactPath">The relative path to store them under.</param>
    /// <param name="content">The file's content.</param>
    void LogBytes(string artifactPath, ReadOnlySpan<byte> content);

    /// <summary>Stores text (UTF-8) as an artifact, for tables and reports.</summary>
    /// <param name="artifactPath">The relative path to store it under.</param>
    /// <param name="text">The file's content.</param>
    void LogText(string artifactPath, string text);

    /// <summary>Renders images as one PNG grid.</summary>
    /// <param name="artifactPath">The relative path of the PNG file.</param>
    /// <param name="images">
    /// <c>[n, h, w]</c>, <c>[n, c, h, w]</c> with c = 1 or 3, or <c>[n, d]</c> with d a square number; values in
    /// <paramref name="min"/>..<paramref name="max"/> are mapped to black..white.
    /// </param>
    /// <param name="columns">Images per row; 0 chooses a near-square grid.</param>
    /// <param name="min">The value shown black.</param>
    /// <param name="max">The value shown white.</param>
    void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1);
}
