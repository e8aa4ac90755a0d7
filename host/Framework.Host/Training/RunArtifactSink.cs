using System.Text;
using Framework.Contracts.Training;
using Framework.Host.Internal;
using Framework.Host.Tracking;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>Stores artifacts in the run folder and hands them to the tracker, which copies them to its store; without a
/// tracker (<c>fw sample</c> outside a run) the folder alone keeps them.</summary>
internal sealed class RunArtifactSink : IArtifactSink
{
    private readonly string _root;
    private readonly IRunTracker? _tracker;

    public RunArtifactSink(string artifactDirectory, IRunTracker? tracker)
    {
        _root = Path.GetFullPath(artifactDirectory);
        _tracker = tracker;
    }

    public void LogFile(string localPath, string? artifactPath = null)
    {
        if (!File.Exists(localPath))
            throw new FileNotFoundException($"Artifact source {localPath} does not exist.", localPath);
        string target = Resolve(artifactPath ?? Path.GetFileName(localPath));
        if (!string.Equals(Path.GetFullPath(localPath), target, StringComparison.Ordinal))
            File.Copy(localPath, target, overwrite: true);
        _tracker?.LogArtifact(target, Relative(target));
    }

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content)
    {
        string target = Resolve(artifactPath);
        using (var stream = File.Create(target))
            stream.Write(content);
        _tracker?.LogArtifact(target, Relative(target));
    }

    public void LogText(string artifactPath, string text) => LogBytes(artifactPath, Encoding.UTF8.GetBytes(text));

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1) =>
        LogBytes(artifactPath, ImageGrid.RenderPng(images, columns, min, max));

    /// <summary>Maps a relative artifact path into the run's artifact folder, refusing paths that would leave it.</summary>
    private string Resolve(string artifactPath)
    {
        if (string.IsNullOrWhiteSpace(artifactPath) || Path.IsPathRooted(artifactPath))
            throw new ArgumentException($"Artifact path '{artifactPath}' must be relative, such as 'samples/epoch_001.png'.", nameof(artifactPath));
        string full = Path.GetFullPath(Path.Combine(_root, artifactPath));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Artifact path '{artifactPath}' leaves the run's artifact folder.", nameof(artifactPath));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    private string Relative(string full) => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');
}
