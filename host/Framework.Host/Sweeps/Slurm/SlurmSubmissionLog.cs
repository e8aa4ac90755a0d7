using System.Text.Json;

namespace Framework.Host.Sweeps.Slurm;

/// <summary>The jobs submitted for a sweep, one JSON line each in the sweep folder (so status and resume know them without a watcher).</summary>
internal static class SlurmSubmissionLog
{
    public static IReadOnlyList<SlurmSubmission> Read(SweepFolder folder)
    {
        if (!File.Exists(folder.SubmissionsFile))
            return [];
        return File.ReadAllLines(folder.SubmissionsFile)
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonSerializer.Deserialize<SlurmSubmission>(line) ?? throw new InvalidDataException($"{folder.SubmissionsFile}: an empty line."))
            .ToList();
    }

    public static void Append(SweepFolder folder, SlurmSubmission submission)
    {
        Directory.CreateDirectory(folder.SlurmDirectory);
        File.AppendAllText(folder.SubmissionsFile, JsonSerializer.Serialize(submission) + "\n");
    }

    /// <summary>Slurm's view of each trial, by index, from the latest submission that ran it (tasks Slurm forgot are absent).</summary>
    public static Dictionary<int, SlurmTaskState> TaskStates(SweepFolder folder, SlurmClient slurm)
    {
        var states = new Dictionary<int, SlurmTaskState>();
        foreach (var submission in Read(folder).Where(s => s.Kind == SlurmSubmission.ArrayKind).OrderBy(s => s.SubmittedAt))
        {
            foreach (var task in slurm.Tasks(submission.JobId))
            {
                int index = task.TaskId + submission.Offset;
                if (submission.Indices.Contains(index))
                    states[index] = task;
            }
        }

        return states;
    }
}
