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
        foreach (var (key, value) in flatParameters.Where(p => !p.Key.StartsWith("tracking.", StringComparison.Ordinal))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
