using Framework.Contracts;

namespace Framework.Host.Plugins;

/// <summary>Checks a plugin declares what the host needs before it is offered to experiment files.</summary>
internal static class PluginChecks
{
    /// <summary>A reason to reject the plugin, or null when it is usable.</summary>
    public static string? Problem(IPlugin plugin)
    {
        if (string.IsNullOrWhiteSpace(plugin.Name))
            return $"{plugin.GetType().FullName} has an empty Name.";
        if (plugin.OptionsType is null)
            return $"plugin '{plugin.Name}' has no OptionsType.";
        if (plugin.OptionsType.GetConstructor(Type.EmptyTypes) is null)
            return $"options type {plugin.OptionsType.Name} of plugin '{plugin.Name}' needs a public parameterless constructor.";
        return null;
    }
}
