using System.Globalization;
using System.Text;

namespace Framework.Host.Sweeps.Slurm;

/// <summary>
/// Renders the batch script of a sweep's job arrays: every task runs the same host command with its index
/// (<c>SLURM_ARRAY_TASK_ID</c> plus the job's offset), retries per the sweep's policy, and on <c>fail_fast</c> cancels
/// the rest. <c>--requeue</c> lets Slurm restart a task whose node failed or was preempted (the trial then continues
/// inside its MLflow run from its checkpoint); <c>--open-mode=append</c> keeps the output of every start.
/// </summary>
internal static class SbatchScript
{
    /// <summary>What the script needs.</summary>
    /// <param name="JobName">The job name, shared by the sweep's arrays (fail_fast cancels by it).</param>
    /// <param name="SweepId">The sweep id, for the header.</param>
    /// <param name="SourcePath">The experiment file, for the header.</param>
    /// <param name="TrialCount">The sweep's trial count, for the header.</param>
    /// <param name="Manifest">The manifest file every task reads.</param>
    /// <param name="OutputDirectory">Where task output goes (<c>%A_%a.out</c>).</param>
    /// <param name="WorkingDirectory">The directory tasks run in (where the sweep was started).</param>
    /// <param name="Host">How to start the host.</param>
    /// <param name="Settings">The sweep's settings (retry, failure policy, Slurm resources).</param>
    internal sealed record Inputs(
        string JobName,
        string SweepId,
        string SourcePath,
        int TrialCount,
        string Manifest,
        string OutputDirectory,
        string WorkingDirectory,
        HostInvocation Host,
        SweepSettings Settings);

    /// <summary>The exit codes after which another attempt cannot help: done, invalid, already running, stopped by a signal.</summary>
    public const string FinalExitCodes = "0|2|75|130|143";

    public static string Render(Inputs inputs)
    {
        var slurm = inputs.Settings.Slurm;
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        Directive(script, "--job-name", inputs.JobName);
        script.Append("#SBATCH --requeue\n");
        script.Append("#SBATCH --open-mode=append\n");
        Directive(script, "--output", Path.Combine(inputs.OutputDirectory, "%A_%a.out"));
        Directive(script, "--chdir", inputs.WorkingDirectory);
        script.Append("#SBATCH --ntasks=1\n");
        Directive(script, "--cpus-per-task", slurm.CpusPerTask.ToString(CultureInfo.InvariantCulture));
        foreach (var (option, value) in Resources(slurm))
            Directive(script, option, value);
        if (slurm.Gpus > 0)
            Directive(script, "--gres", $"gpu:{slurm.Gpus.ToString(CultureInfo.InvariantCulture)}");
        foreach (var option in slurm.Options)
            script.Append("#SBATCH ").Append(option.Trim()).Append('\n');

        string command = string.Join(' ', new[] { inputs.Host.FileName }.Concat(inputs.Host.TrialArguments(inputs.Manifest, "__INDEX__", watchParent: false)).Select(Quote))
            .Replace("'__INDEX__'", "\"$index\"", StringComparison.Ordinal);
        script.Append(CultureInfo.InvariantCulture, $"""

            # Generated for sweep {inputs.SweepId} ({inputs.TrialCount} trials) of {inputs.SourcePath}.
            # Submitted by 'sweep run' with --array=<trial indices - offset>%<parallel> --export=ALL,FW_INDEX_OFFSET=<offset>.
            # Each task runs one trial; results go to MLflow only. See them with: sweep status {inputs.SourcePath}
            set -u
            """).Append('\n');
        foreach (var line in slurm.Setup)
            script.Append(line).Append('\n');
        script.Append(CultureInfo.InvariantCulture, $$"""
            # The trial's tensor threads follow the cores Slurm gave the task (when training.threads is 0).
            export DOTNET_PROCESSOR_COUNT="${SLURM_CPUS_PER_TASK:-1}" OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
            index=$(( SLURM_ARRAY_TASK_ID + ${FW_INDEX_OFFSET:-0} ))
            retries={{inputs.Settings.Retry}}
            attempt=0
            child=0
            # scancel and the time limit send SIGTERM: pass it on and wait, so the trial checkpoints and ends its run KILLED.
            trap 'if [ "$child" -ne 0 ]; then kill -TERM "$child" 2>/dev/null; fi' TERM INT
            while :; do
              echo "fw: $(date -u +%FT%TZ) trial $index, try $((attempt + 1)), job ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}"
              {{command}} &
              child=$!
              wait "$child"
              while kill -0 "$child" 2>/dev/null; do wait "$child"; done
              wait "$child"; code=$?
              child=0
              case "$code" in {{FinalExitCodes}}) break ;; esac
              attempt=$((attempt + 1))
              if [ "$attempt" -gt "$retries" ]; then break; fi
              echo "fw: trial $index failed (exit $code); retry $attempt of $retries"
            done
            echo "fw: $(date -u +%FT%TZ) trial $index exit $code"

            """);
        if (inputs.Settings.Failure == FailurePolicy.FailFast)
        {
            script.Append("""
                if [ "$code" -ne 0 ] && [ "$code" -ne 130 ] && [ "$code" -ne 143 ]; then
                  echo "fw: trial $index failed and the failure policy is fail_fast: cancelling the sweep's other tasks"
                  scancel --name="$SLURM_JOB_NAME"
                fi

                """);
        }

        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

    /// <summary>The sbatch options of the summary job that runs when the arrays end.</summary>
    public static IReadOnlyList<string> FinalizeOptions(Inputs inputs, IEnumerable<string> arrayJobs)
    {
        var slurm = inputs.Settings.Slurm;
        var options = new List<string>
        {
            "--job-name=" + inputs.JobName + "-summary",
            "--dependency=afterany:" + string.Join(':', arrayJobs),
            "--output=" + Path.Combine(inputs.OutputDirectory, "finalize-%j.out"),
            "--chdir=" + inputs.WorkingDirectory,
            "--open-mode=append",
            "--ntasks=1",
            "--cpus-per-task=1",
        };
        if (slurm.Partition.Length > 0)
            options.Add("--partition=" + slurm.Partition);
        if (slurm.Account.Length > 0)
            options.Add("--account=" + slurm.Account);
        if (slurm.Time.Length > 0)
            options.Add("--time=00:10:00");
        options.AddRange(slurm.Options.Select(o => o.Trim()));
        options.Add("--wrap=" + string.Join(' ', new[] { inputs.Host.FileName }.Concat(inputs.Host.FinalizeArguments(inputs.Manifest)).Select(Quote)));
        return options;
    }

    private static IEnumerable<(string Option, string Value)> Resources(SlurmSettings slurm)
    {
        if (slurm.Partition.Length > 0)
            yield return ("--partition", slurm.Partition);
        if (slurm.Account.Length > 0)
            yield return ("--account", slurm.Account);
        if (slurm.Time.Length > 0)
            yield return ("--time", slurm.Time);
        if (slurm.Memory.Length > 0)
            yield return ("--mem", slurm.Memory);
    }

    private static void Directive(StringBuilder script, string option, string value) =>
        script.Append("#SBATCH ").Append(option).Append('=').Append(value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value).Append('\n');

    /// <summary>Single-quotes a word for bash.</summary>
    public static string Quote(string word) => Internal.ShellWords.Quote(word);
}
