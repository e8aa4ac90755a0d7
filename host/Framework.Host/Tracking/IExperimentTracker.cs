namespace Framework.Host.Tracking;

/// <summary>A tracking store (MLflow SQLite, MLflow REST, the run folder): creates runs that the trainer logs to.</summary>
internal interface IExperimentTracker : IDisposable
{
    /// <summary>A human-readable description of where runs go, for the end-of-run summary.</summary>
    string Location { get; }

    /// <summary>Creates a run (or re-opens <see cref="RunStartRequest.ResumeRunId"/>) and sets it RUNNING.</summary>
    IRunTracker StartRun(RunStartRequest request);
}
