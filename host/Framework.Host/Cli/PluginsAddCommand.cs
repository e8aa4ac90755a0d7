using Framework.Host.Plugins;

namespace Framework.Host.Cli;

/// <summary><c>plugins add FOLDER</c> and <c>plugins remove FOLDER</c>: register a plugin folder once, in the user's
/// configuration file, so that every later command finds its plugins without <c>--plugins</c>.</summary>
internal sealed class PluginsAddCommand
{
    public int Add(string folder, TextWriter output, TextWriter error)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            error.WriteLine($"error: {full} does not exist; give a plugin folder (with plugin.json) or a folder of them.");
            return ExitCodes.Usage;
        }

        var path = UserConfiguration.DefaultPath;
        var configuration = UserConfiguration.Load(path);
        if (configuration.PluginFolders.Contains(full, StringComparer.Ordinal))
        {
            output.WriteLine($"{full} is already in {path}.");
            return ExitCodes.Success;
        }

        configuration.PluginFolders.Add(full);
        configuration.Save(path);
        output.WriteLine($"added {full} to {path}; `fw plugins list` shows what it holds.");
        return ExitCodes.Success;
    }

    public int Remove(string folder, TextWriter output, TextWriter error)
    {
        var full = Path.GetFullPath(folder);
        var path = UserConfiguration.DefaultPath;
        var configuration = UserConfiguration.Load(path);
        if (configuration.PluginFolders.RemoveAll(f => string.Equals(f, full, StringComparison.Ordinal)) == 0)
        {
            error.WriteLine($"error: {full} is not in {path} (it lists: {string.Join(", ", configuration.PluginFolders)}).");
            return ExitCodes.Usage;
        }

        configuration.Save(path);
        output.WriteLine($"removed {full} from {path}.");
        return ExitCodes.Success;
    }
}
