using Framework.Host.Sweeps;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sweep trial MANIFEST --index N</c> (hidden): runs one trial; what the local launcher starts per trial and what
/// each Slurm array task runs. With <c>--watch-parent</c> it stops (checkpoint, KILLED) when its launcher dies.
/// </summary>
internal sealed class SweepTrialCommand(TrialRunner runner)
{
    public int Execute(string manifest, int index, bool watchParent, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        using var parent = watchParent ? new ParentProcessWatch(TimeSpan.FromMilliseconds(250)) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, parent?.Token ?? CancellationToken.None);
        return runner.Run(manifest, index, output, error, linked.Token);
    }
}
