namespace Framework.Contracts;

/// <summary>What a plugin says about itself in the <c>plugin.json</c> file next to its assembly.</summary>
/// <remarks>
/// The host reads the manifest before it loads any code of the plugin, so an incompatible plugin is rejected without
/// running it. <see cref="ContractsVersion"/> must be the <see cref="ContractsInfo.Version"/> the plugin was compiled
/// against.
/// </remarks>
/// <example>
/// <code>
/// { "id": "framework.rbm", "name": "Rbm", "version": "1.0.0", "contractsVersion": "1.0", "assembly": "Rbm.dll" }
/// </code>
/// </example>
/// <param name="Id">A globally unique, stable identifier such as <c>framework.rbm</c>.</param>
/// <param name="Name">The human-readable name of the plugin assembly.</param>
/// <param name="Version">The plugin's own version (semantic versioning).</param>
/// <param name="ContractsVersion">The contracts version the plugin was built against.</param>
/// <param name="Assembly">The file name of the plugin's main assembly in its folder.</param>
/// <param name="Description">One sentence on what the plugin provides.</param>
public sealed record PluginManifest(
    string Id,
    string Name,
    string Version,
    string ContractsVersion,
    string Assembly,
    string? Description = null);
