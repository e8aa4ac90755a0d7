using Framework.Host.Experiments;
using Framework.Host.Training;

namespace Framework.Host.Cli;

/// <summary>A checkpoint to continue from, checked against the experiment before anything runs.</summary>
internal sealed record ResumePoint(RunFolder Folder, string Checkpoint, string? RunId)
{
    /// <summary>Finds the checkpoint of a run folder (or a checkpoint file) and checks it belongs to this experiment.</summary>
    public static ResumePoint? Find(string path, ExperimentDefinition experiment, string modelPlugin, out string? problem)
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
        string hash = ConfigHash.Compute(experiment.FlatParameters);
        if (header.ConfigHash != hash)
        {
            problem = "the experiment's configuration changed since the checkpoint was written (MLflow params are " +
                      "write-once, so the run cannot continue with other values): " + Changes(header.Parameters, experiment.FlatParameters) +
                      "; restore those values (`run --resume RUN_FOLDER` alone uses the run's own configuration), or start a new run.";
            return null;
        }
        // run folder = parent of checkpoints/
        string runFolder = Path.GetDirectoryName(Path.GetDirectoryName(checkpoint)!)!;
        problem = null;
        return new ResumePoint(RunFolder.Open(runFolder), checkpoint, header.RunId);
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
