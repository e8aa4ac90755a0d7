using System.Globalization;

namespace Framework.Host.Sweeps;

/// <summary>
/// The folder of one sweep, <c>runs/&lt;experiment&gt;/sweep-&lt;id&gt;/</c>: its manifest, one folder per trial (with
/// one run folder per attempt, so a resumed trial finds its checkpoint at a known path), the Slurm scripts and logs,
/// and the summary. On a cluster it must be on a file system every node sees.
/// </summary>
internal sealed class SweepFolder
{
    private SweepFolder(string path)
    {
        Path = path;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The trial manifest every trial process reads.</summary>
    public string ManifestFile => System.IO.Path.Combine(Path, "manifest.json");

    /// <summary>Scripts, submissions and task output of the Slurm launcher.</summary>
    public string SlurmDirectory => System.IO.Path.Combine(Path, "slurm");

    /// <summary>Array jobs submitted for this sweep, one JSON line each.</summary>
    public string SubmissionsFile => System.IO.Path.Combine(SlurmDirectory, "submissions.jsonl");

    /// <summary>The summary table and plot (also stored on the parent run).</summary>
    public string SummaryDirectory => System.IO.Path.Combine(Path, "summary");

    /// <summary>The folder of a sweep under <paramref name="runsRoot"/>.</summary>
    public static SweepFolder For(string runsRoot, string experimentName, string sweepId)
    {
        string safeName = Training.RunFolder.ExperimentDirectoryName(experimentName);
        return new SweepFolder(System.IO.Path.GetFullPath(System.IO.Path.Combine(runsRoot, safeName, "sweep-" + sweepId)));
    }

    /// <summary>The folder of the sweep whose manifest is <paramref name="manifestFile"/>.</summary>
    public static SweepFolder OfManifest(string manifestFile) =>
        new(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(manifestFile))!);

    /// <summary>A trial's folder: its console log, lock and attempt folders.</summary>
    public string TrialDirectory(int index, string trialId) =>
        System.IO.Path.Combine(Path, "trials", string.Create(CultureInfo.InvariantCulture, $"{index:D4}-{trialId}"));

    /// <summary>The run folder of one attempt of a trial.</summary>
    public string AttemptDirectory(int index, string trialId, int attempt) =>
        System.IO.Path.Combine(TrialDirectory(index, trialId), string.Create(CultureInfo.InvariantCulture, $"attempt-{attempt}"));

    /// <summary>What trial processes print (appended over attempts).</summary>
    public string ConsoleLog(int index, string trialId) => System.IO.Path.Combine(TrialDirectory(index, trialId), "console.log");
}
