namespace Framework.Host.Tracking;

/// <summary>A run's lifecycle state, with MLflow's names.</summary>
internal enum RunStatus
{
    /// <summary>Started and not ended.</summary>
    Running,

    /// <summary>Ended normally.</summary>
    Finished,

    /// <summary>Ended by an error (the error is a tag).</summary>
    Failed,

    /// <summary>Stopped by the user (Ctrl+C, SIGTERM).</summary>
    Killed,
}
