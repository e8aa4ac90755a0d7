namespace Framework.Host.Tracking;

/// <summary>Converts <see cref="RunStatus"/> to and from MLflow's upper-case names.</summary>
internal static class RunStatusNames
{
    public static string ToMlflow(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>Reads MLflow's status; SCHEDULED (which we never write) reads as running.</summary>
    public static RunStatus FromMlflow(string? status) => status switch
    {
        "FINISHED" => RunStatus.Finished,
        "FAILED" => RunStatus.Failed,
        "KILLED" => RunStatus.Killed,
        _ => RunStatus.Running,
    };
}
