namespace Framework.Host.Plugins;

/// <summary>Why a plugin folder was skipped.</summary>
/// <param name="Name">The plugin's name from its manifest, or the folder name when the manifest is unreadable.</param>
/// <param name="Folder">The folder that was skipped.</param>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Reason">What went wrong and what to do about it.</param>
internal sealed record PluginRejection(string Name, string Folder, PluginRejectionKind Kind, string Reason);

/// <summary>The kinds of plugin load failure (after Jellyfin's NotSupported / Malfunctioned).</summary>
internal enum PluginRejectionKind
{
    /// <summary>plugin.json is missing or malformed.</summary>
    InvalidManifest,

    /// <summary>Built against contracts this host cannot run.</summary>
    IncompatibleContracts,

    /// <summary>An assembly the plugin needs is not in its folder.</summary>
    MissingDependency,

    /// <summary>Loading the assembly or registering its services threw.</summary>
    Malfunctioned,

    /// <summary>Registers a plugin name that an earlier plugin already registered.</summary>
    DuplicateName,
}
