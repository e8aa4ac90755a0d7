using System.Text.Json;
using Framework.Contracts;

namespace Framework.Host.Plugins;

/// <summary>Reads and checks <c>plugin.json</c> before any code of the plugin is loaded.</summary>
internal static class PluginManifestReader
{
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the manifest of a plugin folder.</summary>
    /// <exception cref="InvalidDataException">The manifest is missing, malformed or incomplete; the message says which.</exception>
    public static PluginManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException($"no {FileName} in {folder}; every plugin folder needs one (id, name, version, contractsVersion, assembly).");

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed JSON: {e.Message}", e);
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(manifest?.Id)) missing.Add("id");
        if (string.IsNullOrWhiteSpace(manifest?.Name)) missing.Add("name");
        if (string.IsNullOrWhiteSpace(manifest?.Version)) missing.Add("version");
        if (string.IsNullOrWhiteSpace(manifest?.ContractsVersion)) missing.Add("contractsVersion");
        if (string.IsNullOrWhiteSpace(manifest?.Assembly)) missing.Add("assembly");
        if (missing.Count > 0)
            throw new InvalidDataException($"{path}: missing {string.Join(", ", missing)}.");
        return manifest!;
    }
}
