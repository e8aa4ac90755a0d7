using System.Security.Cryptography;
using System.Text;

namespace Framework.Host.Training;

/// <summary>
/// A hash of what determines a run's results: every resolved parameter except the tracking settings (which say where
/// results go, not what they are). A resumed run must match the checkpoint's hash.
/// </summary>
internal static class ConfigHash
{
    public static string Compute(IReadOnlyDictionary<string, string> flatParameters)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in flatParameters.Where(p => !IsExcluded(p.Key))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>Whether a parameter is left out of the hash: the tracking settings say where results go, not what they are.</summary>
    public static bool IsExcluded(string key) => key.StartsWith("tracking.", StringComparison.Ordinal);
}
