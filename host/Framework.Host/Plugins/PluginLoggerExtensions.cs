using Microsoft.Extensions.Logging;

namespace Framework.Host.Plugins;

/// <summary>The plugin loader's lifecycle events, with stable event ids.</summary>
internal static partial class PluginLoggerExtensions
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Loaded plugin {Plugin} {Version}: {Provides}")]
    public static partial void PluginLoaded(this ILogger logger, string plugin, string version, string provides);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Skipped plugin {Plugin} ({Kind}): {Reason}")]
    public static partial void PluginRejected(this ILogger logger, string plugin, PluginRejectionKind kind, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Plugin folder {Folder} does not exist")]
    public static partial void PluginFolderMissing(this ILogger logger, string folder);
}
