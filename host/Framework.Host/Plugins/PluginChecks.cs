using Framework.Contracts;
using Framework.Host.Experiments.Schema;
using Framework.Options;

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
        // The experiment schema is derived from the options type: a type it cannot describe is rejected now, with the
        // reason, rather than failing the first experiment file that names the plugin.
        return OptionsSchema.TryCreateForPlugin(plugin, out _, out string? error) ? null : error;
    }
}
