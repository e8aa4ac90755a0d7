using System.Globalization;
using Framework.Host.Experiments;
using Framework.Host.Tracking.Rest;
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

    /// <summary>Where a REST store spools writes until the server accepts them; null: <c>mlflow-spool</c> in the working directory.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Auth, TLS, retries and timeouts for servers; null: read from the MLFLOW_* environment variables.</summary>
    public RestClientOptions? RestOptions { get; init; }

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

    /// <summary>Opens a store by URI; a server's writes go through a spool file so that an outage loses nothing.</summary>
    public ITrackingStore OpenStore(string uri) => OpenStore(uri, spooled: true);

    /// <summary>Opens a store by URI.</summary>
    /// <param name="uri">The tracking URI.</param>
    /// <param name="spooled">For a server: spool writes (runs) or send them directly (<c>sync</c>, which is rerun after a failure).</param>
    public ITrackingStore OpenStore(string uri, bool spooled)
    {
        TrackingUri.EnsureSupported(uri, "the command line");
        if (TrackingUri.IsSqlite(uri))
        {
            return SqliteTrackingStore.Open(TrackingUri.SqlitePath(uri, _workingDirectory), ArtifactRoot);
        }

        var server = new Uri(uri);
        var client = new MlflowRestClient(server, RestOptions ?? RestClientOptions.FromEnvironment(_environment));
        var logger = _loggerFactory.CreateLogger<RestTrackingStore>();
        if (!spooled)
        {
            return new RestTrackingStore(client, null, logger);
        }

        var folder = Path.GetFullPath(SpoolDirectory ?? Path.Combine(_workingDirectory, "mlflow-spool"), _workingDirectory);
        ReportLeftoverSpools(folder, logger);
        // One spool per process: parallel trials never deliver each other's writes out of order.
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{server.Host}_{server.Port}-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}{RequestSpool.Extension}");
        return new RestTrackingStore(client, RequestSpool.Open(Path.Combine(folder, name), server.AbsoluteUri.TrimEnd('/')), logger);
    }

    private static void ReportLeftoverSpools(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var spool in Directory.EnumerateFiles(folder, "*" + RequestSpool.Extension))
        {
            logger.LogWarning("An earlier run left undelivered tracking writes in {Spool}; deliver them with: sync {Spool} <server>", spool, spool);
        }
    }
}
