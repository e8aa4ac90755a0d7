using System.Diagnostics;
using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Slurm;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Sweeps.Slurm;

public sealed class SbatchScriptTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SbatchScript.Inputs Inputs(Action<SweepSettings>? configure = null)
    {
        var settings = new SweepSettings { Retry = 2 };
        settings.Slurm.Partition = "gpu";
        settings.Slurm.Account = "physics";
        settings.Slurm.Time = "02:00:00";
        settings.Slurm.Memory = "8G";
        settings.Slurm.CpusPerTask = 4;
        settings.Slurm.Gpus = 1;
        settings.Slurm.Options = ["--qos=short"];
        settings.Slurm.Setup = ["module load dotnet"];
        configure?.Invoke(settings);
        var host = new HostInvocation("/usr/bin/dotnet", ["/opt/fw/Framework.Host.dll", "--plugins", "/opt/my plugins"]);
        return new SbatchScript.Inputs("fw-0123abcd", "0123abcd45678901", "/home/ada/sweep.yaml", 8, "/shared/runs/x/sweep-0123abcd45678901/manifest.json",
            "/shared/runs/x/sweep-0123abcd45678901/slurm", "/home/ada", host, settings);
    }

    [Fact]
    public void TheScriptRequeuesAppendsAndAsksForTheResourcesTheFileNames()
    {
        string script = SbatchScript.Render(Inputs());

        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        foreach (var line in new[]
                 {
                     "#SBATCH --job-name=fw-0123abcd", "#SBATCH --requeue", "#SBATCH --open-mode=append",
                     "#SBATCH --output=/shared/runs/x/sweep-0123abcd45678901/slurm/%A_%a.out", "#SBATCH --chdir=/home/ada",
                     "#SBATCH --cpus-per-task=4", "#SBATCH --partition=gpu", "#SBATCH --account=physics", "#SBATCH --time=02:00:00",
                     "#SBATCH --mem=8G", "#SBATCH --gres=gpu:1", "#SBATCH --qos=short", "module load dotnet", "retries=2",
                 })
        {
            Assert.Contains(line + "\n", script, StringComparison.Ordinal);
        }

        Assert.Contains("'/usr/bin/dotnet' '/opt/fw/Framework.Host.dll' '--plugins' '/opt/my plugins' 'sweep' 'trial' " +
                        "'/shared/runs/x/sweep-0123abcd45678901/manifest.json' '--index' \"$index\" &", script, StringComparison.Ordinal);
        Assert.Contains("index=$(( SLURM_ARRAY_TASK_ID + ${FW_INDEX_OFFSET:-0} ))", script, StringComparison.Ordinal);
        Assert.DoesNotContain("scancel --name", script, StringComparison.Ordinal);
    }

    [Fact]
    public void FailFastCancelsTheSweepsOtherTasksAfterAFailure()
    {
        string script = SbatchScript.Render(Inputs(s => s.Failure = FailurePolicy.FailFast));

        Assert.Contains("scancel --name=\"$SLURM_JOB_NAME\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScriptIsValidBash()
    {
        string path = _folder.Write("trial.sbatch", SbatchScript.Render(Inputs(s => s.Failure = FailurePolicy.FailFast)));

        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
        string error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, error);
    }

    [Fact]
    public void TheSummaryJobWaitsForEveryArrayOfTheSweep()
    {
        var options = SbatchScript.FinalizeOptions(Inputs(), ["101", "102"]);

        Assert.Contains("--dependency=afterany:101:102", options);
        Assert.Contains("--job-name=fw-0123abcd-summary", options);
        Assert.Contains(options, o => o.StartsWith("--wrap='/usr/bin/dotnet' '/opt/fw/Framework.Host.dll'", StringComparison.Ordinal) && o.EndsWith("'sweep' 'finalize' '/shared/runs/x/sweep-0123abcd45678901/manifest.json'", StringComparison.Ordinal));
    }
}
