using Framework.Host.Experiments;
using Framework.Host.Training;

namespace Framework.Host.Cli;

/// <summary>A checkpoint to continue from, checked against the experiment before anything runs.</summary>
/// <param name="AddedOptions">Options that did not exist when the checkpoint was written, with the values the run takes
/// for them (their defaults): the run's MLflow params lack them until the resume logs them.</param>
internal sealed record ResumePoint(RunFolder Folder, string Checkpoint, string? RunId, IReadOnlyDictionary<string, string> AddedOptions)
{
    /// <summary>Finds the checkpoint of a run folder (or a checkpoint file) and checks it belongs to this experiment.</summary>
    /// <param name="resolveRunConfiguration">Resolves a run's own config.yaml as this version reads it (flat parameters),
    /// or null where it cannot: what options added since the checkpoint default to for that run.</param>
    public static ResumePoint? Find(string path, ExperimentDefinition experiment, string modelPlugin,
        Func<string, IReadOnlyDictionary<string, string>?> resolveRunConfiguration, out string? problem)
    {
        string full = Path.GetFullPath(path);
        string checkpoint = Directory.Exists(full) ? Path.Combine(full, "checkpoints", "last.ckpt") : full;
        if (!File.Exists(checkpoint))
        {
            problem = $"no checkpoint at {checkpoint}; pass a run folder (runs/<experiment>/<time>) or a .ckpt file.";
            return null;
        }
        CheckpointHeader header;
        try
        {
            header = CheckpointFile.ReadHeader(checkpoint);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            problem = $"cannot read checkpoint {checkpoint}: {e.Message}";
            return null;
        }
        if (!string.Equals(header.ModelPlugin, modelPlugin, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"the checkpoint is of model '{header.ModelPlugin}', the experiment uses '{modelPlugin}'.";
            return null;
        }
        // run folder = parent of checkpoints/
        string runFolder = Path.GetDirectoryName(Path.GetDirectoryName(checkpoint)!)!;
        string hash = ConfigHash.Compute(experiment.FlatParameters);
        var added = header.ConfigHash == hash
            ? new Dictionary<string, string>()
            : OptionsAddedSince(header, experiment, () => resolveRunConfiguration(Path.Combine(runFolder, "config.yaml")));
        if (added is null)
        {
            problem = "the experiment's configuration changed since the checkpoint was written (MLflow params are " +
                      "write-once, so the run cannot continue with other values): " + Changes(header.Parameters, experiment.FlatParameters) +
                      "; restore those values (`run --resume RUN_FOLDER` alone uses the run's own configuration), or start a new run.";
            return null;
        }

        problem = null;
        return new ResumePoint(RunFolder.Open(runFolder), checkpoint, header.RunId, added);
    }

    /// <summary>
    /// The options this version has that the checkpoint's configuration did not, where they are all that differs: every
    /// value the checkpoint recorded is unchanged (its hash over those keys alone still matches), and each new option has
    /// the value the run's own configuration takes for it today, its default. Null where anything else changed. Without
    /// this, each option added to the host or a plugin would stop every run checkpointed before it from resuming.
    /// </summary>
    private static IReadOnlyDictionary<string, string>? OptionsAddedSince(CheckpointHeader header, ExperimentDefinition experiment,
        Func<IReadOnlyDictionary<string, string>?> runOwnConfiguration)
    {
        if (header.Parameters is not { } before)
            return null;
        var kept = experiment.FlatParameters.Where(p => before.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (ConfigHash.Compute(kept) != header.ConfigHash)
            return null;
        var added = experiment.FlatParameters.Where(p => !before.ContainsKey(p.Key) && !ConfigHash.IsExcluded(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (added.Count == 0 || runOwnConfiguration() is not { } runOwn)
            return null;
        return added.All(p => runOwn.TryGetValue(p.Key, out var value) && value == p.Value) ? added : null;
    }

    /// <summary>Each key whose value differs, with the checkpoint's value and the current one.</summary>
    private static string Changes(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string> now)
    {
        if (before is null)
            return "the checkpoint does not record its values";
        var keys = before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != now.GetValueOrDefault(k)).ToList();
        static string Text(string? value) => value is null ? "(absent)" : value.Length == 0 ? "\"\"" : value;
        var listed = keys.Take(10).Select(k => $"{k} was {Text(before.GetValueOrDefault(k))}, now {Text(now.GetValueOrDefault(k))}");
        return string.Join("; ", listed) + (keys.Count > 10 ? $"; and {keys.Count - 10} more" : "");
    }
}
