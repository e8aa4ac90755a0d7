using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>An artifact sink that writes into a temporary folder and remembers what it was given.</summary>
internal sealed class FolderArtifactSink : IArtifactSink, IDisposable
{
    public FolderArtifactSink()
    {
        Folder = Path.Combine(Path.GetTempPath(), "rbm-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public List<string> Paths { get; } = [];

    public void LogFile(string localPath, string? artifactPath = null) =>
        File.Copy(localPath, Target(artifactPath ?? Path.GetFileName(localPath)), overwrite: true);

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content) => File.WriteAllBytes(Target(artifactPath), content.ToArray());

    public void LogText(string artifactPath, string text) => File.WriteAllText(Target(artifactPath), text);

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1) =>
        PngGrid.Write(Target(artifactPath), images, columns, min, max);

    private string Target(string artifactPath)
    {
        if (Path.IsPathRooted(artifactPath) || artifactPath.Split('/').Contains(".."))
            throw new ArgumentException($"Artifact path '{artifactPath}' must be relative and stay in the run folder.", nameof(artifactPath));
        Paths.Add(artifactPath);
        var target = Path.Combine(Folder, artifactPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
