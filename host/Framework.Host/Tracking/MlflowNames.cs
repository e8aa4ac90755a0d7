using System.Text.RegularExpressions;

namespace Framework.Host.Tracking;

/// <summary>Checks keys and artifact paths the way MLflow's server does, so a bad name fails here with a clear message.</summary>
internal static partial class MlflowNames
{
    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex AllowedKeyCharacters();

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="key"/> is not a valid metric, param or tag key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">What it names (<c>metric</c>, <c>param</c>, <c>tag</c>), for the message.</param>
    public static void ValidateKey(string key, string kind)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException($"An MLflow {kind} key is empty; give it a name.", nameof(key));
        }

        if (key.Length > MlflowLimits.MaxKeyLength)
        {
            throw new ArgumentException(
                $"The {kind} key '{key[..40]}...' has {key.Length} characters; MLflow allows at most {MlflowLimits.MaxKeyLength}.",
                nameof(key));
        }

        if (!AllowedKeyCharacters().IsMatch(key))
        {
            throw new ArgumentException(
                $"The {kind} key '{key}' has characters MLflow refuses; use letters, digits, '_', '-', '.', ' ', ':' and '/'.",
                nameof(key));
        }

        // MLflow rejects names that posixpath.normpath would change: they would not map to one file in its stores.
        if (!IsNormalRelativePath(key))
        {
            throw new ArgumentException(
                $"The {kind} key '{key}' is not a normalised relative path (no leading '/', no '//', '.' or '..' parts, no trailing '/').",
                nameof(key));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="artifactPath"/> could leave the run's artifact folder.</summary>
    /// <param name="artifactPath">A relative path with '/' separators.</param>
    public static void ValidateArtifactPath(string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(artifactPath);
        if (artifactPath.Length == 0 || artifactPath.Contains('\\', StringComparison.Ordinal) || !IsNormalRelativePath(artifactPath)
            || artifactPath.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The artifact path '{artifactPath}' must be relative, use '/' between folders, and contain no '.', '..', ':' or empty parts (e.g. 'samples/epoch_003.png').",
                nameof(artifactPath));
        }
    }

    private static bool IsNormalRelativePath(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path[^1] == '/')
        {
            return false;
        }

        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return false;
            }
        }

        return true;
    }
}
