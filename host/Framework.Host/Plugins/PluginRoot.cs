namespace Framework.Host.Plugins;

/// <summary>A folder the host looks for plugins in, and why it looks there.</summary>
/// <param name="Folder">The folder: a plugin folder (with plugin.json) or a folder of plugin folders.</param>
/// <param name="Origin">Where it was configured: bundled, the user configuration file, an environment variable,
/// appsettings, or <c>--plugins</c>.</param>
internal sealed record PluginRoot(string Folder, string Origin);
