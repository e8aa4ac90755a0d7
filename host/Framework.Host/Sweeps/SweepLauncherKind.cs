namespace Framework.Host.Sweeps;

/// <summary>Where a sweep's trials run.</summary>
internal enum SweepLauncherKind
{
    /// <summary>Child processes on this machine, up to <c>sweep.parallel</c> at once.</summary>
    Local,

    /// <summary>A Slurm job array; the submitting process exits once the array is queued.</summary>
    Slurm,
}
