using Framework.Host.Experiments;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking;

/// <summary>
/// Chooses and opens the tracking store the way MLflow users expect: the experiment file's <c>tracking.uri</c>, else
/// <c>MLFLOW_TRACKING_URI</c>, else <c>sqlite:///mlflow.db</c> in the working directory; the experiment name from
/// <c>tracking.experiment</c>, else <c>MLFLOW_EXPERIMENT_NAME</c>, else the experiment's own name.
/// </summary>
internal sealed class TrackingStoreFactory
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<string, string?> _environment;
    private readonly string _workingDirectory;

    /// <param name="loggerFactory">Loggers for the stores and writers.</param>
    /// <param name="environment">Reads environment variables; the process environment when null.</param>
    /// <param name="workingDirectory">Where relative paths start; the current directory when null.</param>
    public TrackingStoreFactory(ILoggerFactory loggerFactory, Func<string, string?>? environment = null, string? workingDirectory = null)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _workingDirectory = workingDirectory ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Options of the per-run batching writer.</summary>
    public RunWriterOptions WriterOptions { get; init; } = RunWriterOptions.Default;

    /// <summary>Where an SQLite store keeps artifacts; null: <c>mlartifacts</c> beside the database file.</summary>
    public string? ArtifactRoot { get; init; }

    /// <summary>Resolves the URI and experiment name of an experiment.</summary>
    public TrackingTarget Resolve(ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Resolve(definition.Tracking, definition.Name);
    }

    /// <summary>Resolves the URI and experiment name from the tracking settings and the experiment's name.</summary>
    public TrackingTarget Resolve(TrackingSettings settings, string experimentName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (uri, uriSource) =
            !string.IsNullOrWhiteSpace(settings.Uri) ? (settings.Uri.Trim(), "tracking.uri")
            : _environment("MLFLOW_TRACKING_URI") is { Length: > 0 } envUri ? (envUri.Trim(), "MLFLOW_TRACKING_URI")
            : (TrackingUri.Default, "default");
        TrackingUri.EnsureSupported(uri, uriSource);

        var (name, nameSource) =
            !string.IsNullOrWhiteSpace(settings.Experiment) ? (settings.Experiment.Trim(), "tracking.experiment")
            : _environment("MLFLOW_EXPERIMENT_NAME") is { Length: > 0 } envName ? (envName.Trim(), "MLFLOW_EXPERIMENT_NAME")
            : (experimentName, "experiment name");
        SqliteTrackingStore.ValidateExperimentName(name);
        return new TrackingTarget(uri, uriSource, name, nameSource);
    }

    /// <summary>Opens the store of a resolved target.</summary>
    public MlflowExperimentTracker Open(TrackingTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new MlflowExperimentTracker(OpenStore(target.Uri), _loggerFactory.CreateLogger<MlflowExperimentTracker>(), WriterOptions);
    }

    /// <summary>Opens a store by URI (also the source and destination of <c>sync</c>).</summary>
    public ITrackingStore OpenStore(string uri)
    {
        TrackingUri.EnsureSupported(uri, "the command line");
        if (TrackingUri.IsSqlite(uri))
        {
            return SqliteTrackingStore.Open(TrackingUri.SqlitePath(uri, _workingDirectory), ArtifactRoot);
        }

        throw new ArgumentException($"The tracking URI '{uri}' is not supported. Supported: {TrackingUri.Supported}.", nameof(uri));
    }
}
