using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>Applies <c>--set key.path=value</c> overrides, in order, to an experiment tree.</summary>
/// <remarks>
/// The value is read as YAML, so <c>64</c> is a number, <c>[64, 32]</c> a list and <c>{a: b}</c> a mapping. Nodes
/// an override creates carry the position <c>--set:INDEX:COLUMN</c>, so validation errors point at the argument.
/// Paths need not exist: an unknown key is reported by validation like one written in the file.
/// A whole section may come from a file: <c>model=models/vae.yaml</c> (see <see cref="SectionFileReader"/>), and
/// several sections at once from an include file: <c>include=families/gan.yaml</c>.
/// </remarks>
/// <param name="errors">Receives malformed overrides.</param>
/// <param name="experimentPath">The experiment file, which section-file paths are relative to.</param>
internal sealed class OverrideApplier(ConfigErrorCollector errors, string experimentPath)
{
    /// <summary>Applies the overrides in order.</summary>
    /// <param name="root">The experiment tree; changed in place.</param>
    /// <param name="overrides">The <c>--set</c> arguments as given.</param>
    public void Apply(ConfigMapping root, IReadOnlyList<string> overrides)
    {
        for (var i = 0; i < overrides.Count; i++)
            ApplyOne(root, overrides[i], i + 1);
    }

    private void ApplyOne(ConfigMapping root, string argument, int index)
    {
        SourceLocation At(int column) => new(ConfigSource.Overrides, index, column);

        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            errors.Add(At(1), $"expected key.path=value (for example training.epochs=20), got '{argument}'");
            return;
        }

        var path = ParsePath(argument[..equals], At);
        var valueColumn = equals + 2;
        if (!ConfigYamlReader.TryRead(argument[(equals + 1)..], ConfigSource.Overrides, errors, out var value,
                mark => At(valueColumn + (int)mark.Column - 1)))
            return;
        if (path is null)
            return;

        value ??= new ConfigScalar("", true, At(valueColumn));
        if (path.Count == 1 && path[0].Name == ExperimentSections.IncludeKey)
        {
            Include(root, value);
            return;
        }

        if (path.Count == 1 && SectionFileReader.IsSectionFile(path[0].Name, value))
        {
            if (SectionFileReader.Read(path[0].Name, (ConfigScalar)value, experimentPath, errors) is not { } section)
                return;
            value = section;
        }

        var parent = root;
        foreach (var (name, column) in path.Take(path.Count - 1))
            parent = ChildMapping(parent, name, At(column));

        var (lastName, lastColumn) = path[^1];
        var existing = parent.Find(lastName);
        if (existing is null)
        {
            parent.Add(new ConfigEntry(new ConfigScalar(lastName, true, At(lastColumn)), value));
            return;
        }

        var replacement = new ConfigEntry(existing.Key, value);
        if (path.Count == 1)
        {
            ConfigTreeMerger.MergeExperiment(parent, Single(replacement));
            return;
        }

        if (path.Count == 2 && lastName == OptionsSchema.PluginKey
            && ExperimentSections.Find(path[0].Name)?.Kind == ExperimentSectionKind.Plugin
            && ConfigTreeMerger.PluginName(existing.Value) is { } before && ConfigTreeMerger.PluginName(value) is { } after
            && !string.Equals(before, after, StringComparison.OrdinalIgnoreCase))
        {
            // Switching plugins drops the options written for the old one (see ConfigTreeMerger).
            parent.RemoveAllExcept(OptionsSchema.PluginKey);
        }

        ConfigTreeMerger.MergeEntry(parent, replacement);
    }

    /// <summary>Merges each section of the include file <paramref name="value"/> names over the experiment, as
    /// <c>--set section=...</c> would.</summary>
    private void Include(ConfigMapping root, ConfigNode value)
    {
        if (value is not ConfigScalar { IsNull: false } reference)
        {
            errors.Add(value.Location, $"{ExperimentSections.IncludeKey}: expected the path of a YAML file of sections, relative to the experiment file (for example families/gan.yaml), got {value.Describe()}");
            return;
        }

        if (SectionFileReader.ReadInclude(reference, experimentPath, errors) is { } sections)
            ConfigTreeMerger.MergeExperiment(root, sections);
    }

    private List<(string Name, int Column)>? ParsePath(string text, Func<int, SourceLocation> at)
    {
        var segments = new List<(string Name, int Column)>();
        var start = 0;
        foreach (var part in text.Split('.'))
        {
            var trimmed = part.Trim();
            var column = start + (part.Length - part.TrimStart().Length) + 1;
            if (trimmed.Length == 0)
            {
                errors.Add(at(column), $"empty key in '{text}'; write the path as section.key, for example model.hidden");
                return null;
            }

            segments.Add((trimmed, column));
            start += part.Length + 1;
        }

        if (segments[0].Name == ExperimentSections.DefaultsKey)
        {
            errors.Add(at(segments[0].Column), $"'{ExperimentSections.DefaultsKey}' cannot be overridden; list base files in the experiment file");
            return null;
        }

        return segments;
    }

    /// <summary>The mapping under <paramref name="name"/>, created (or put in place of a non-mapping) as needed.</summary>
    private static ConfigMapping ChildMapping(ConfigMapping parent, string name, SourceLocation location)
    {
        var entry = parent.Find(name);
        if (entry?.Value is ConfigMapping existing)
            return existing;

        var created = new ConfigMapping(location);
        if (entry is null)
            parent.Add(new ConfigEntry(new ConfigScalar(name, true, location), created));
        else
            entry.Value = created;
        return created;
    }

    private static ConfigMapping Single(ConfigEntry entry)
    {
        var mapping = new ConfigMapping(entry.Key.Location);
        mapping.Add(entry);
        return mapping;
    }
}
