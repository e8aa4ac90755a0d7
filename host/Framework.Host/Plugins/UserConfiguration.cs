using System.Text.Json;
using System.Text.Json.Serialization;

namespace Framework.Host.Plugins;

/// <summary>The user's own configuration file, <c>$XDG_CONFIG_HOME/framework/config.json</c> (by default
/// <c>~/.config/framework/config.json</c>): plugin folders registered once, with <c>fw plugins add</c>, that every
/// command then searches.</summary>
internal sealed class UserConfiguration
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Plugin folders, absolute, in the order they are searched.</summary>
    public List<string> PluginFolders { get; set; } = [];

    /// <summary>Where the file is: <c>$FRAMEWORK_CONFIG</c> when set, else under <c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("FRAMEWORK_CONFIG") is { Length: > 0 } explicitPath
            ? explicitPath
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "framework", "config.json");

    /// <summary>Reads the file, or an empty configuration when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON of this shape.</exception>
    public static UserConfiguration Load(string path)
    {
        if (!File.Exists(path))
            return new UserConfiguration();
        try
        {
            return JsonSerializer.Deserialize<UserConfiguration>(File.ReadAllText(path), Json) ?? new UserConfiguration();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: not a valid configuration file ({e.Message}); " +
                                           "it holds {\"pluginFolders\": [\"/path/to/plugins\"]}.", e);
        }
    }

    /// <summary>Writes the file (atomically: a temporary file renamed over it), creating its folder.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
        File.Move(temp, path, overwrite: true);
    }
}
