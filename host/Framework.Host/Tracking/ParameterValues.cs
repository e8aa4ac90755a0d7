using System.Security.Cryptography;
using System.Text;

namespace Framework.Host.Tracking;

/// <summary>
/// Makes params fit MLflow without silent truncation: keys are validated, and a value longer than MLflow keeps
/// (6000 characters) is replaced by its SHA-256 and stored whole as an artifact.
/// </summary>
internal static class ParameterValues
{
    /// <summary>The folder of the artifacts that hold long param values.</summary>
    public const string ArtifactFolder = "params";

    /// <summary>Validates keys and replaces over-long values.</summary>
    /// <param name="parameters">Dotted keys and their values.</param>
    /// <returns>What to log as params, and the full values to store as artifacts.</returns>
    /// <exception cref="ArgumentException">A key MLflow refuses.</exception>
    public static PreparedParameters Prepare(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new List<KeyValuePair<string, string>>(parameters.Count);
        var artifacts = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            MlflowNames.ValidateKey(key, "param");
            ArgumentNullException.ThrowIfNull(value, key);
            if (value.Length <= MlflowLimits.MaxParamValueLength)
            {
                values.Add(new(key, value));
                continue;
            }

            var artifactPath = ArtifactPathFor(key);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
            values.Add(new(key, $"sha256:{hash} ({value.Length} characters; full value in artifact {artifactPath})"));
            artifacts.Add(new(artifactPath, value));
        }

        return new PreparedParameters(values, artifacts);
    }

    /// <summary>The artifact path of a long param's full value (key characters outside [A-Za-z0-9._-] become '_').</summary>
    public static string ArtifactPathFor(string key)
    {
        var name = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return $"{ArtifactFolder}/{name}.txt";
    }
}
