namespace Framework.Host.Internal;

/// <summary>The <c>Framework</c> section of appsettings.json / environment (FRAMEWORK__...).</summary>
internal sealed class HostSettings
{
    /// <summary>Extra plugin folders searched after the bundled ones.</summary>
    public List<string> PluginFolders { get; set; } = [];

    /// <summary>Where run folders go, relative to the working directory.</summary>
    public string RunsDirectory { get; set; } = "runs";

    /// <summary>Where dataset plugins cache generated or converted data; empty for ~/.cache/framework.</summary>
    public string CacheDirectory { get; set; } = "";

    public string ResolvedCacheDirectory =>
        !string.IsNullOrWhiteSpace(CacheDirectory)
            ? Path.GetFullPath(CacheDirectory)
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "framework");
}
