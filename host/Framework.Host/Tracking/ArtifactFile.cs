namespace Framework.Host.Tracking;

/// <summary>A file among a run's artifacts.</summary>
/// <param name="Path">Relative path with '/' separators.</param>
/// <param name="Size">Length in bytes.</param>
internal sealed record ArtifactFile(string Path, long Size);
