using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Framework.Host.Sweeps.Slurm;

/// <summary>
/// The Slurm commands a sweep needs, run as processes: <c>sbatch --parsable</c>, <c>scontrol</c> (job states and the
/// cluster's MaxArraySize; unlike <c>sacct</c> it works without the accounting daemon) and <c>scancel</c>.
/// </summary>
internal sealed partial class SlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Submits a job; returns its id.</summary>
    /// <param name="arguments">sbatch's arguments after <c>--parsable</c>: options, then the script (or <c>--wrap=...</c> instead).</param>
    public string Submit(IEnumerable<string> arguments)
    {
        var (code, output, error) = Run("sbatch", ["--parsable", .. arguments]);
        if (code != 0)
            throw new SlurmException($"sbatch refused the sweep's job (exit {code}): {error.Trim()}{Hint(error)}");
        // --parsable prints "jobid" or "jobid;cluster".
        string id = output.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new SlurmException($"sbatch --parsable printed '{output.Trim()}', not a job id.");
        return id;
    }

    /// <summary>The cluster's MaxArraySize (array task ids must be below it).</summary>
    public int MaxArraySize()
    {
        var (code, output, error) = Run("scontrol", ["show", "config"]);
        if (code != 0)
            throw new SlurmException($"scontrol show config failed (exit {code}): {error.Trim()}");
        var match = MaxArraySizeLine().Match(output);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1001;
    }

    /// <summary>The tasks Slurm still knows of a job (finished ones for a few minutes, MinJobAge); empty once it forgot the job.</summary>
    public IReadOnlyList<SlurmTaskState> Tasks(string jobId)
    {
        var (code, output, _) = Run("scontrol", ["-o", "show", "job", jobId]);
        return code == 0 ? ParseJobs(output) : [];
    }

    /// <summary>Cancels jobs (or array tasks: <c>123_4</c>).</summary>
    public void Cancel(IEnumerable<string> jobIds)
    {
        var ids = jobIds.ToList();
        if (ids.Count == 0)
            return;
        var (code, _, error) = Run("scancel", ids);
        if (code != 0)
            throw new SlurmException($"scancel {string.Join(' ', ids)} failed (exit {code}): {error.Trim()}");
    }

    /// <summary>Reads <c>scontrol -o show job</c> output: one line per task, or per range of tasks still pending; a plain job is one task.</summary>
    public static IReadOnlyList<SlurmTaskState> ParseJobs(string text)
    {
        var tasks = new List<SlurmTaskState>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in Field().Matches(line))
                fields[match.Groups[1].Value] = match.Groups[2].Value;
            string jobId = fields.GetValueOrDefault("ArrayJobId") ?? fields.GetValueOrDefault("JobId") ?? "";
            string state = fields.GetValueOrDefault("JobState", "UNKNOWN");
            string reason = fields.GetValueOrDefault("Reason", "None");
            string exitCode = fields.GetValueOrDefault("ExitCode", "0:0");
            if (!fields.TryGetValue("ArrayTaskId", out var taskSpec))
            {
                if (jobId.Length > 0)
                    tasks.Add(new SlurmTaskState(jobId, SlurmTaskState.NotAnArray, state, reason, exitCode));
                continue;
            }

            foreach (int task in ArraySpec.Expand(taskSpec))
                tasks.Add(new SlurmTaskState(jobId, task, state, reason, exitCode));
        }

        return tasks;
    }

    /// <summary>Whether the Slurm client commands are on the PATH.</summary>
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "sbatch")));

    private static (int Code, string Output, string Error) Run(string command, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new SlurmException($"{command} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new SlurmException($"'{command}' was not found: the Slurm launcher runs on a machine with the Slurm client commands " +
                                     "(a cluster's login node); or set sweep.launcher: local to run the trials here.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SlurmException($"{command} {string.Join(' ', arguments)} did not answer within {CommandTimeout.TotalSeconds:F0} s; is slurmctld up?");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }

    private static string Hint(string error) =>
        error.Contains("Invalid job array specification", StringComparison.OrdinalIgnoreCase)
            ? " (the array is larger than the cluster's MaxArraySize: set sweep.slurm.max_array_size to its value)"
            : error.Contains("partition", StringComparison.OrdinalIgnoreCase)
                ? " (check sweep.slurm.partition against 'sinfo -s')"
                : "";

    [GeneratedRegex(@"MaxArraySize\s*=\s*(\d+)")]
    private static partial Regex MaxArraySizeLine();

    [GeneratedRegex(@"(?:^|\s)([A-Za-z/:]+)=(\S*)")]
    private static partial Regex Field();
}
