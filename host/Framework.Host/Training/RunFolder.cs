using System.Globalization;

namespace Framework.Host.Training;

/// <summary>
/// The folder of one run: resolved config, log, checkpoints and artifacts, so a run can be inspected, resumed and
/// compared without the tracking store.
/// </summary>
/// <remarks>Layout: <c>config.yaml</c>, <c>run.log</c>, <c>run.json</c>, <c>checkpoints/last.ckpt</c>, <c>artifacts/…</c>.</remarks>
internal sealed class RunFolder
{
    private RunFolder(string path)
    {
        Path = path;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, "config.yaml");

    public string LogFile => System.IO.Path.Combine(Path, "run.log");

    public string InfoFile => System.IO.Path.Combine(Path, "run.json");

    public string CheckpointDirectory => System.IO.Path.Combine(Path, "checkpoints");

    public string LastCheckpoint => System.IO.Path.Combine(CheckpointDirectory, "last.ckpt");

    public string ArtifactDirectory => System.IO.Path.Combine(Path, "artifacts");

    /// <summary>The name of the folder under the runs root that holds an experiment's runs and sweeps: the experiment's
    /// name with every character other than letters, digits, '-', '_' and '.' replaced by '_'.</summary>
    public static string ExperimentDirectoryName(string experimentName) =>
        string.Concat(experimentName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>Creates a new, uniquely named run folder under <c>runsRoot/experimentName/</c>.</summary>
    public static RunFolder Create(string runsRoot, string experimentName, DateTimeOffset now)
    {
        string safeName = ExperimentDirectoryName(experimentName);
        string stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string parent = System.IO.Path.GetFullPath(System.IO.Path.Combine(runsRoot, safeName));
        for (int attempt = 0; ; attempt++)
        {
            string candidate = System.IO.Path.Combine(parent, attempt == 0 ? stamp : $"{stamp}-{attempt}");
            if (Directory.Exists(candidate))
                continue;
            Directory.CreateDirectory(candidate);
            var folder = new RunFolder(candidate);
            Directory.CreateDirectory(folder.CheckpointDirectory);
            Directory.CreateDirectory(folder.ArtifactDirectory);
            return folder;
        }
    }

    /// <summary>Opens an existing run folder (to resume it).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static RunFolder Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"Run folder {full} does not exist.");
        var folder = new RunFolder(full);
        Directory.CreateDirectory(folder.CheckpointDirectory);
        Directory.CreateDirectory(folder.ArtifactDirectory);
        return folder;
    }
}
