namespace Framework.Host.Plugins;

/// <summary>Finds plugin folders: those holding a plugin.json, directly or one level down.</summary>
internal static class PluginFolders
{
    /// <summary>The bundled plugins' root, next to the host's own assembly.</summary>
    public static string BundledRoot => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// Expands roots into plugin folders. A root may be a plugin folder itself (it holds plugin.json) or a folder of
    /// plugin folders. Missing roots are reported, not fatal, and so is a root that holds assemblies but no plugin.json
    /// (a plugin's build output without its manifest, say), which would otherwise be searched for subfolders in vain.
    /// Duplicates (same full path) are kept once.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> roots, ICollection<string> missingRoots, ICollection<string>? unmanifested = null)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string root in roots)
        {
            string full = Path.GetFullPath(root);
            if (!Directory.Exists(full))
            {
                missingRoots.Add(full);
                continue;
            }
            bool manifest = File.Exists(Path.Combine(full, PluginManifestReader.FileName));
            if (!manifest && Directory.EnumerateFiles(full, "*.dll").Any())
            {
                unmanifested?.Add(full);
                continue;
            }

            IEnumerable<string> candidates = manifest ? [full] : Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal);
            foreach (string folder in candidates)
            {
                if (seen.Add(folder))
                    result.Add(folder);
            }
        }
        return result;
    }
}
