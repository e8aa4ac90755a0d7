namespace Framework.Host.Internal;

/// <summary>Options every verb accepts.</summary>
/// <param name="PluginFolders">Folders given with <c>--plugins</c>.</param>
/// <param name="Verbose">Whether <c>--verbose</c> was given (debug-level logs).</param>
internal sealed record GlobalOptions(IReadOnlyList<string> PluginFolders, bool Verbose);
