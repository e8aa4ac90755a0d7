namespace Framework.Host.Tracking;

/// <summary>Parses tracking URIs the way MLflow users write them.</summary>
internal static class TrackingUri
{
    /// <summary>The URI schemes this client opens, for error messages.</summary>
    public const string Supported =
        "sqlite:///relative/path.db, sqlite:////absolute/path.db (MLflow's own SQLite store), http://host:port or https://host:port (an MLflow tracking server)";

    /// <summary>The default store: <c>mlflow.db</c> in the working directory, as MLflow 3.7+ itself defaults.</summary>
    public const string Default = "sqlite:///mlflow.db";

    /// <summary>Whether <paramref name="uri"/> names an MLflow tracking server.</summary>
    public static bool IsHttp(string uri) =>
        uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="uri"/> names an SQLite file.</summary>
    public static bool IsSqlite(string uri) => uri.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The database file of an SQLAlchemy-style SQLite URI; throws <see cref="ArgumentException"/> otherwise.</summary>
    /// <param name="uri"><c>sqlite:///relative.db</c> (relative to <paramref name="workingDirectory"/>) or <c>sqlite:////abs.db</c>.</param>
    /// <param name="workingDirectory">The folder relative paths start from.</param>
    public static string SqlitePath(string uri, string workingDirectory)
    {
        const string prefix = "sqlite:///";
        if (!uri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{uri}' is not an SQLite file URI; write it as {Supported}.", nameof(uri));
        }

        var path = Uri.UnescapeDataString(uri[prefix.Length..]);
        if (path.Length == 0 || path == ":memory:" || path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{uri}' does not name a database file (in-memory databases and query options are not supported); use e.g. {Default}.",
                nameof(uri));
        }

        return Path.GetFullPath(path, workingDirectory);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the supported schemes when <paramref name="uri"/> is none of them.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="source">Where it came from, for the message.</param>
    public static void EnsureSupported(string uri, string source)
    {
        if (IsHttp(uri) && System.Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            return;
        }

        if (IsSqlite(uri))
        {
            SqlitePath(uri, Directory.GetCurrentDirectory());
            return;
        }

        var hint = uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !uri.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(uri)
            ? " MLflow's ./mlruns file store is deprecated (MLflow 3.7 moved to SQLite); use sqlite:///mlflow.db instead."
            : "";
        throw new ArgumentException($"The tracking URI '{uri}' (from {source}) is not supported.{hint} Supported: {Supported}.", nameof(uri));
    }
}
