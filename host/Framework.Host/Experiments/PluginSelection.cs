namespace Framework.Host.Experiments;

/// <summary>A plugin chosen by an experiment file, with its validated, typed options.</summary>
/// <param name="PluginName">The plugin's name as written (<c>rbm</c>).</param>
/// <param name="Options">An instance of the plugin's options type, filled from the file and defaults.</param>
internal sealed record PluginSelection(string PluginName, object Options);
