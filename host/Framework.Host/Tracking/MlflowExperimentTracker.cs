using Framework.Host.Tracking.SystemMetrics;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking;

/// <summary>The <see cref="IExperimentTracker"/> over any <see cref="ITrackingStore"/>: experiments by name, runs with system tags.</summary>
internal sealed class MlflowExperimentTracker : IExperimentTracker
{
    private readonly ILogger _logger;
    private readonly RunWriterOptions _writerOptions;

    /// <param name="store">The backend; owned and disposed by this tracker.</param>
    /// <param name="logger">Lifecycle and write-failure messages.</param>
    /// <param name="writerOptions">Batching of each run's writer.</param>
    public MlflowExperimentTracker(ITrackingStore store, ILogger logger, RunWriterOptions? writerOptions = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _writerOptions = writerOptions ?? RunWriterOptions.Default;
    }

    /// <summary>The backend.</summary>
    public ITrackingStore Store { get; }

    /// <inheritdoc />
    public string Location => Store.Location;

    /// <summary>The system metrics cadence; null: from MLflow's environment variables at each run start.</summary>
    public SystemMetricsOptions? SystemMetricsOptions { get; init; }

    /// <inheritdoc />
    public IRunTracker StartRun(RunStartRequest request) => Start(request);

    /// <summary>As <see cref="StartRun"/>, typed.</summary>
    public QueuedRunTracker Start(RunStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (key, value) in request.Tags)
        {
            MlflowNames.ValidateKey(key, "tag");
            if (value.Length > MlflowLimits.MaxTagValueLength)
            {
                throw new ArgumentException($"Tag '{key}' is longer than MLflow's {MlflowLimits.MaxTagValueLength} characters.", nameof(request));
            }
        }

        // Read before anything is created, so that a bad MLFLOW_SYSTEM_METRICS_* value leaves no run behind.
        var systemMetrics = request.SystemMetrics ? SystemMetricsOptions ?? SystemMetricsOptions.FromEnvironment(Environment.GetEnvironmentVariable) : null;
        var experiment = Store.GetOrCreateExperiment(request.ExperimentName);
        var tracker = request.ResumeRunId is { } resumeId ? Resume(request, experiment, resumeId) : Create(request, experiment);
        if (systemMetrics is not null)
        {
            // A resumed run continues its system steps after the last one, as MLflow's monitor does.
            var firstStep = request.ResumeRunId is null ? 0 : Store.GetMetricHistory(tracker.RunId)
                .Where(p => p.Key.StartsWith(systemMetrics.Prefix, StringComparison.Ordinal))
                .Select(p => p.Step + 1).DefaultIfEmpty(0).Max();
            tracker.StartSystemMetrics(new SystemMetricsMonitor(SystemMetricsMonitor.DefaultSamplers(_logger), systemMetrics, firstStep,
                tracker.LogMetrics, _logger));
        }

        return tracker;
    }

    private QueuedRunTracker Create(RunStartRequest request, ExperimentInfo experiment)
    {
        var tags = new Dictionary<string, string>(request.Tags, StringComparer.Ordinal);
        if (request.ParentRunId is { } parent)
        {
            tags[MlflowTagKeys.ParentRunId] = parent;
        }

        if (!tags.TryGetValue(MlflowTagKeys.User, out var user))
        {
            user = CurrentUser.Name();
            tags[MlflowTagKeys.User] = user;
        }

        var run = Store.CreateRun(new NewRun(experiment.ExperimentId, request.RunName, TrackingClock.NowMs(), user, tags));
        _logger.LogInformation("MLflow run {RunId} ({RunName}) started in experiment {Experiment} at {Location}",
            run.RunId, run.RunName, experiment.Name, Store.Location);
        return new QueuedRunTracker(Store, run, new Dictionary<string, string>(), _logger, _writerOptions);
    }

    private QueuedRunTracker Resume(RunStartRequest request, ExperimentInfo experiment, string runId)
    {
        var run = Store.GetRun(runId);
        if (run.ExperimentId != experiment.ExperimentId)
        {
            throw new TrackingException(
                $"Run {runId} belongs to experiment {run.ExperimentId}, not to '{experiment.Name}' ({experiment.ExperimentId}); " +
                "resume it with its own experiment name, or start a new run.");
        }

        if (run.LifecycleStage != "active")
        {
            throw new TrackingException($"Run {runId} is deleted in {Store.Location}; restore it in the MLflow UI or start a new run.");
        }

        var data = Store.GetRunData(runId);
        Store.UpdateRun(runId, RunStatus.Running, null);
        var tracker = new QueuedRunTracker(Store, run with { Status = RunStatus.Running, EndTimeMs = null }, data.Params, _logger, _writerOptions);
        if (request.Tags.Count > 0)
        {
            tracker.SetTags(request.Tags);
        }

        _logger.LogInformation("MLflow run {RunId} ({RunName}) resumed at {Location}", run.RunId, run.RunName, Store.Location);
        return tracker;
    }

    /// <inheritdoc />
    public void Dispose() => Store.Dispose();
}
