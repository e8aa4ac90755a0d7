namespace Framework.Host.Plugins;

/// <summary>Finds plugin folders: those holding a plugin.json, directly or one level down.</summary>
internal static class PluginFolders
{
    /// <summary>The bundled plugins' root, next to the host's own assembly.</summary>
    public static string BundledRoot => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// Expands roots into plugin folders. A root may be a plugin folder itself (it holds plugin.json) or a folder of
    /// plugin folders. Missing roots are reported, not fatal. Duplicates (same full path) are kept once.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> roots, ICollection<string> missingRoots)
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
            IEnumerable<string> candidates = File.Exists(Path.Combine(full, PluginManifestReader.FileName))
                ? [full]
                : Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal);
            foreach (string folder in candidates)
            {
                if (seen.Add(folder))
                    result.Add(folder);
            }
        }
        return result;
    }
}
