using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>
/// Reads a section file: a whole <c>model</c>, <c>dataset</c> or <c>training</c> section kept in its own YAML file, so
/// that <c>--set model=models/vae.yaml</c> (or a sweep axis <c>model: [models/rbm.yaml, models/vae.yaml]</c>, Hydra's
/// config groups) swaps the whole section.
/// </summary>
/// <remarks>
/// The path is relative to the experiment file, as <c>defaults</c> paths are, so a sweep file and the section files it
/// names move together. The file holds the section's content (<c>plugin: vae</c>, <c>latent: 2</c>, ...); a file whose
/// only key is the section's name (<c>model: {plugin: vae}</c>) is accepted too. Nodes keep the section file's name, so
/// an invalid option in it is reported at its own file, line and column.
/// </remarks>
internal static class SectionFileReader
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>Whether an override <c>section=value</c> names a section file rather than giving the section inline.</summary>
    /// <param name="section">The overridden key, one segment.</param>
    /// <param name="value">The override's value.</param>
    public static bool IsSectionFile(string section, ConfigNode value) =>
        ExperimentSections.Find(section)?.Kind is ExperimentSectionKind.Plugin or ExperimentSectionKind.Settings
        && value is ConfigScalar { IsNull: false } scalar
        && Extensions.Any(e => scalar.Value.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads an include file (<see cref="ExperimentSections.IncludeKey"/>): a mapping of whole sections, each of them
    /// one of <see cref="ExperimentSections.Includable"/>, inline or as a section file relative to the include file.
    /// </summary>
    /// <returns>The sections, or null after an error.</returns>
    public static ConfigMapping? ReadInclude(ConfigScalar reference, string experimentPath, ConfigErrorCollector errors)
    {
        string key = ExperimentSections.IncludeKey;
        if (ReadFile($"{key}: cannot read the file", reference, experimentPath, errors) is not { } root)
            return null;
        var allowed = ExperimentSections.Includable.Select(s => s.Key).ToList();
        if (root is not ConfigMapping sections || sections.Entries.Count == 0)
        {
            errors.Add(root.Location, $"{key}: an include file holds whole sections ({string.Join(", ", allowed)}), got {Describe(root)}");
            return null;
        }

        var ok = true;
        foreach (var entry in sections.Entries)
        {
            if (!allowed.Contains(entry.Name))
            {
                errors.Add(entry.Key.Location, $"{key}: '{entry.Name}' cannot come from an include file; allowed: {string.Join(", ", allowed)}");
                ok = false;
            }
            else if (IsSectionFile(entry.Name, entry.Value))
            {
                if (Read(entry.Name, (ConfigScalar)entry.Value, Resolve(reference, experimentPath), errors) is { } section)
                    entry.Value = section;
                else
                    ok = false;
            }
            else if (entry.Value is not ConfigMapping)
            {
                errors.Add(entry.Value.Location, $"{key}: '{entry.Name}' is a section: a mapping (for example plugin: vae) or a section file, got {entry.Value.Describe()}");
                ok = false;
            }
        }

        return ok ? sections : null;
    }

    /// <summary>Reads the section file that <paramref name="reference"/> names.</summary>
    /// <param name="section">The section it replaces.</param>
    /// <param name="reference">The file path as written, relative to the experiment file or absolute.</param>
    /// <param name="experimentPath">The experiment file's path.</param>
    /// <param name="errors">Receives a missing or malformed file, reported at <paramref name="reference"/>.</param>
    /// <returns>The section's mapping, or null after an error.</returns>
    public static ConfigMapping? Read(string section, ConfigScalar reference, string experimentPath, ConfigErrorCollector errors)
    {
        if (ReadFile($"{section}: cannot read the section file", reference, experimentPath, errors) is not { } root)
            return null;
        if (root is ConfigMapping { Entries.Count: 1 } wrapped && wrapped.Entries[0].Name == section && wrapped.Entries[0].Value is ConfigMapping inner)
            return inner;
        if (root is ConfigMapping mapping)
            return mapping;
        errors.Add(root.Location,
            $"{section}: a section file holds the section's options as a mapping (for example plugin: vae), got {Describe(root)}");
        return null;
    }

    /// <summary>The YAML of the file <paramref name="reference"/> names, relative to the experiment file; null after an error.</summary>
    private static ConfigNode? ReadFile(string cannotRead, ConfigScalar reference, string experimentPath, ConfigErrorCollector errors)
    {
        string full = Resolve(reference, experimentPath);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(reference.Location, $"{cannotRead} '{reference.Value}' (looked for {full}, relative to the experiment file): {e.Message}");
            return null;
        }

        string display = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        var source = new ConfigSource(display.StartsWith("..", StringComparison.Ordinal) ? full : display, int.MaxValue - 1);
        if (!ConfigYamlReader.TryRead(text, source, errors, out var root))
            return null;
        return root ?? new ConfigScalar("", true, SourceLocation.StartOf(source));
    }

    /// <summary>The full path of the file <paramref name="reference"/> names, relative to <paramref name="experimentPath"/>'s folder.</summary>
    private static string Resolve(ConfigScalar reference, string experimentPath) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(experimentPath))!, reference.Value));

    private static string Describe(ConfigNode node) => node is ConfigScalar { IsNull: true } ? "an empty file" : node.Describe();
}
