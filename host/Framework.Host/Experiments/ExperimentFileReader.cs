using System.Collections.Immutable;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>Reads an experiment file and the base files its <c>defaults</c> list names, merged into one tree.</summary>
/// <remarks>
/// <c>defaults: [base.yaml, ...]</c> at the top of a file merges those files (paths relative to the file, each of
/// which may have its own <c>defaults</c>) in order, then the file itself on top. Every node keeps the file it came
/// from, so an error in a base file names that file. A <c>model</c>, <c>dataset</c> or <c>training</c> section may be
/// written as the path of a file that holds it (<c>model: models/vae.yaml</c>, relative to the file that names it).
/// </remarks>
/// <param name="errors">Receives every problem.</param>
internal sealed class ExperimentFileReader(ConfigErrorCollector errors)
{
    private int _nextRank;

    /// <summary>Reads the experiment file at <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user gave it; errors name it this way.</param>
    /// <returns>The merged tree, or null when a file cannot be read or is not well-formed YAML.</returns>
    public ConfigMapping? Read(string path) => ReadFile(path, Path.GetFullPath(path), [], includedFrom: null);

    private ConfigMapping? ReadFile(string displayPath, string fullPath, ImmutableList<string> including, SourceLocation? includedFrom)
    {
        var source = new ConfigSource(displayPath, _nextRank++);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = includedFrom is null ? "the experiment file" : $"the base file '{displayPath}'";
            errors.Add(includedFrom ?? SourceLocation.StartOf(source), $"cannot read {what}: {e.Message}");
            return null;
        }

        if (!ConfigYamlReader.TryRead(text, source, errors, out var root))
            return null;

        ConfigMapping file;
        switch (root)
        {
            case null:
                file = new ConfigMapping(SourceLocation.StartOf(source));
                break;
            case ConfigScalar { IsNull: true } empty:
                file = new ConfigMapping(empty.Location);
                break;
            case ConfigMapping mapping:
                file = mapping;
                break;
            default:
                errors.Add(root.Location,
                    $"an experiment file is a mapping of sections ({string.Join(", ", ExperimentSections.AllowedKeys)}), got {root.Describe()}");
                return null;
        }

        // A section may be kept in its own file: model: models/vae.yaml (see SectionFileReader).
        foreach (var entry in file.Entries.Where(e => SectionFileReader.IsSectionFile(e.Name, e.Value)))
        {
            if (SectionFileReader.Read(entry.Name, (ConfigScalar)entry.Value, fullPath, errors) is not { } section)
                return null;
            entry.Value = section;
        }

        var defaults = file.Remove(ExperimentSections.DefaultsKey);
        if (defaults is null)
            return file;

        var merged = ReadBaseFiles(defaults, displayPath, fullPath, including.Add(fullPath));
        if (merged is null)
            return null;
        ConfigTreeMerger.MergeExperiment(merged, file);
        return merged;
    }

    private ConfigMapping? ReadBaseFiles(ConfigEntry defaults, string displayPath, string fullPath, ImmutableList<string> including)
    {
        IReadOnlyList<ConfigNode> items = defaults.Value switch
        {
            ConfigSequence list => list.Items,
            ConfigScalar { IsNull: true } => [],
            ConfigScalar single => [single],
            var other => Invalid(other),
        };

        ConfigMapping? merged = new(defaults.Key.Location);
        foreach (var item in items)
        {
            if (item is not ConfigScalar { IsNull: false } relative)
            {
                errors.Add(item.Location, $"{ExperimentSections.DefaultsKey}: expected a file path, got {item.Describe()}");
                merged = null;
                continue;
            }

            var baseFull = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, relative.Value));
            var baseDisplay = Path.Combine(Path.GetDirectoryName(displayPath) ?? "", relative.Value);
            if (including.Contains(baseFull, StringComparer.Ordinal))
            {
                var cycle = including.SkipWhile(p => p != baseFull).Append(baseFull).Select(Path.GetFileName);
                errors.Add(relative.Location, $"{ExperimentSections.DefaultsKey} form a cycle: {string.Join(" -> ", cycle)}");
                merged = null;
                continue;
            }

            var baseTree = ReadFile(baseDisplay, baseFull, including, relative.Location);
            if (baseTree is null)
                merged = null;
            else if (merged is not null)
                ConfigTreeMerger.MergeExperiment(merged, baseTree);
        }

        return merged;
    }

    private IReadOnlyList<ConfigNode> Invalid(ConfigNode node)
    {
        errors.Add(node.Location, $"{ExperimentSections.DefaultsKey}: expected a list of file paths (defaults: [base.yaml]), got {node.Describe()}");
        return [];
    }
}
