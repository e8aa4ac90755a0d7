using Framework.Host.Internal;

namespace Framework.Host.Plugins;

/// <summary>Every folder the host searches for plugins, in order: the bundled ones, the user configuration file, the
/// <c>FRAMEWORK_PLUGIN_PATH</c> environment variable, appsettings (<c>Framework__PluginFolders__0</c>), <c>--plugins</c>.</summary>
internal static class PluginSearchPath
{
    /// <summary>The environment variable of plugin folders, separated as PATH is (':' on Linux and macOS, ';' on Windows).</summary>
    public const string Variable = "FRAMEWORK_PLUGIN_PATH";

    /// <summary>How to add a folder, for messages that say a plugin was not found.</summary>
    public static string HowToAdd =>
        $"add its folder with --plugins FOLDER, once for good with `fw plugins add FOLDER` ({UserConfiguration.DefaultPath}), or in {Variable}";

    public static IReadOnlyList<PluginRoot> Resolve(HostSettings settings, GlobalOptions options)
    {
        var roots = new List<PluginRoot>();
        if (Directory.Exists(PluginFolders.BundledRoot))
            roots.Add(new(PluginFolders.BundledRoot, "bundled"));
        var configuration = UserConfiguration.DefaultPath;
        roots.AddRange(UserConfiguration.Load(configuration).PluginFolders.Select(f => new PluginRoot(f, configuration)));
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
            roots.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(f => new PluginRoot(f, Variable)));
        roots.AddRange(settings.PluginFolders.Select(f => new PluginRoot(f, "appsettings (Framework:PluginFolders)")));
        roots.AddRange(options.PluginFolders.Select(f => new PluginRoot(Path.GetFullPath(f), "--plugins")));
        return roots;
    }
}
