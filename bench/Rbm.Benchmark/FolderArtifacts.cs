using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Benchmarks.Rbm;

/// <summary>Keeps the benchmark's artifacts (the log-likelihood reports) in a folder.</summary>
internal sealed class FolderArtifacts(string folder) : IArtifactSink
{
    public void LogFile(string localPath, string? artifactPath = null) => File.Copy(localPath, Target(artifactPath ?? Path.GetFileName(localPath)), true);

    public void LogBytes(string artifactPath, ReadOnlySpan<byte> content) => File.WriteAllBytes(Target(artifactPath), content.ToArray());

    public void LogText(string artifactPath, string text) => File.WriteAllText(Target(artifactPath), text);

    public void LogImageGrid(string artifactPath, Tensor images, int columns = 0, double min = 0, double max = 1) =>
        throw new NotSupportedException("The benchmark draws no images.");

    private string Target(string artifactPath)
    {
        var target = Path.Combine(folder, artifactPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }
}
