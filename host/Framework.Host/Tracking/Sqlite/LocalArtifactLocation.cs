namespace Framework.Host.Tracking.Sqlite;

/// <summary>
/// Maps between artifact URIs recorded in MLflow's tables and folders on this machine.
/// </summary>
/// <remarks>
/// MLflow resolves a relative artifact root against the working directory (mlflow.utils.uri.resolve_uri_if_local):
/// on POSIX it records a plain absolute path, on Windows a <c>file:///</c> URI. We record the same, so MLflow's UI (any
/// working directory) reads the files directly. <c>mlflow-artifacts:/</c> locations, written by a tracking server
/// with <c>--serve-artifacts</c>, are mapped onto our artifact root, which is where such a server started beside the
/// database keeps them by default (<c>./mlartifacts</c>).
/// </remarks>
internal static class LocalArtifactLocation
{
    /// <summary>The URI MLflow would record for a local folder.</summary>
    public static string ToUri(string absoluteFolder)
    {
        var full = Path.GetFullPath(absoluteFolder);
        return OperatingSystem.IsWindows() ? new Uri(full).AbsoluteUri : full.TrimEnd('/');
    }

    /// <summary>MLflow's append_to_uri_path: joins with '/'.</summary>
    public static string Append(string uri, params string[] parts) =>
        string.Join('/', new[] { uri.TrimEnd('/') }.Concat(parts.Select(p => p.Trim('/'))));

    /// <summary>The local folder an artifact URI stands for.</summary>
    /// <param name="artifactUri">A run's artifact_uri or an experiment's artifact_location.</param>
    /// <param name="artifactRoot">Our artifact root, for <c>mlflow-artifacts:</c> and relative locations.</param>
    public static string ToFolder(string artifactUri, string artifactRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactUri);
        if (artifactUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(artifactUri).LocalPath;
        }

        if (artifactUri.StartsWith("mlflow-artifacts:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = artifactUri["mlflow-artifacts:".Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                // mlflow-artifacts://host:port/path: drop the authority.
                var slash = rest.IndexOf('/', 2);
                rest = slash < 0 ? "" : rest[slash..];
            }

            return Path.Combine(artifactRoot, rest.TrimStart('/'));
        }

        if (Path.IsPathRooted(artifactUri))
        {
            return artifactUri;
        }

        if (artifactUri.Contains("://", StringComparison.Ordinal) || (artifactUri.Contains(':', StringComparison.Ordinal) && !artifactUri.StartsWith('.')))
        {
            throw new TrackingException(
                $"Artifacts of this run belong at '{artifactUri}', which this client cannot write (it writes local folders only). " +
                "Log to the tracking server that owns that store (http://...), or use a new experiment name.");
        }

        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(artifactRoot) ?? ".", artifactUri));
    }
}
