namespace Framework.Host.Sweeps.Slurm;

/// <summary>What Slurm says about one array task.</summary>
/// <param name="JobId">The array job's id.</param>
/// <param name="TaskId">The task id (the trial index minus the job's offset).</param>
/// <param name="State">PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ...</param>
/// <param name="Reason">Why it is pending or ended (<c>JobArrayTaskLimit</c>, <c>NonZeroExitCode</c>), or <c>None</c>.</param>
/// <param name="ExitCode">The exit code as Slurm writes it, <c>code:signal</c>.</param>
internal sealed record SlurmTaskState(string JobId, int TaskId, string State, string Reason, string ExitCode)
{
    /// <summary>The task id of a job that is not an array.</summary>
    public const int NotAnArray = -1;

    private static readonly HashSet<string> ActiveStates =
        ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT"];

    /// <summary>Whether the task is queued or running (a new submission of the same trial must wait).</summary>
    public bool IsActive => ActiveStates.Contains(State);

    /// <summary><c>PENDING (JobArrayTaskLimit)</c>, <c>FAILED (exit 1)</c>, <c>RUNNING</c>: for the status table.</summary>
    public string Describe()
    {
        string code = ExitCode.Split(':')[0];
        return State switch
        {
            "PENDING" when Reason is not ("None" or "") => $"PENDING ({Reason})",
            "FAILED" or "OUT_OF_MEMORY" or "NODE_FAIL" => $"{State} (exit {code})",
            _ => State,
        };
    }
}
