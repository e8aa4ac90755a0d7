using System.Diagnostics;

namespace Framework.Host.Tests.Sweeps.EndToEnd;

/// <summary>
/// A test that needs a running Slurm (sbatch on the PATH, a node that answers sinfo). It is skipped, with the reason,
/// where there is none; with <c>FRAMEWORK_REQUIRE_SLURM=1</c> (set by .ci/run, which starts a single-node Slurm) it
/// always runs, so a Slurm that failed to start fails the tests instead of skipping them.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FRAMEWORK_REQUIRE_SLURM") != "1" && Unavailable.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        bool installed = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "sbatch")));
        if (!installed)
            return "Slurm is not installed (no sbatch on the PATH); .ci/run installs and starts a single-node Slurm (.ci/slurm.sh)";
        try
        {
            using var sinfo = Process.Start(new ProcessStartInfo("sinfo", ["-h", "-o", "%T"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = sinfo.StandardOutput.ReadToEndAsync();
            _ = sinfo.StandardError.ReadToEndAsync();
            if (!sinfo.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                sinfo.Kill();
                return "Slurm is installed but slurmctld does not answer (sinfo timed out); start it with .ci/slurm.sh start";
            }

            string states = output.Result.Trim();
            return sinfo.ExitCode == 0 && (states.Contains("idle", StringComparison.Ordinal) || states.Contains("mix", StringComparison.Ordinal) || states.Contains("alloc", StringComparison.Ordinal))
                ? null
                : $"Slurm is installed but has no usable node (sinfo: '{states}', exit {sinfo.ExitCode}); start it with .ci/slurm.sh start";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"sinfo cannot run: {e.Message}";
        }
    }
}
