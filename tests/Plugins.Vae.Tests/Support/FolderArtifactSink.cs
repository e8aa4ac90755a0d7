using System.Text;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>An artifact sink writing into a folder: image grids become PNG files (drawn by the host's own ImageGrid), and every call is recorded.</summary>
internal sealed class FolderArtifactSink : IArtifactSink, IDisposable
{
    public FolderArtifactSink(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    /// <summary>Artifact paths in the order they were logged.</summary>
    public List<string> Logged { get; } = [];

    /// <summary>The image tensors given to <see cref="LogImageGrid"/>, by artifact path (copied to the CPU).</summary>
    public Dictionary<string, Tensor> Images { get; } = [];

    public void LogFile(string localPath, string? artifactPath = null) =>
        File.Copy(localPath, Target(artifactPath ?? Path.GetFileName(localPath)), overwrite: true);

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content) => File.WriteAllBytes(Target(artifactPath), content.ToArray());

    public void LogText(string artifactPath, string text) => File.WriteAllText(Target(artifactPath), text, Encoding.UTF8);

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1)
    {
        var target = Target(artifactPath);
        var copy = images.detach().cpu().to_type(ScalarType.Float32).clone().DetachFromDisposeScope();
        if (Images.Remove(artifactPath, out var previous))
            previous.Dispose();
        Images[artifactPath] = copy;
        File.WriteAllBytes(target, Framework.Host.Internal.ImageGrid.RenderPng(copy, columns, min, max));
    }

    public void Dispose()
    {
        foreach (var image in Images.Values)
            image.Dispose();
        Images.Clear();
    }

    private string Target(string artifactPath)
    {
        if (Path.IsPathRooted(artifactPath) || artifactPath.Split('/').Contains(".."))
            throw new ArgumentException($"Artifact path '{artifactPath}' must be relative and stay inside the run folder.", nameof(artifactPath));
        Logged.Add(artifactPath);
        var path = Path.Combine(Folder, artifactPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
