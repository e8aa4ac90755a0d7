using Microsoft.Data.Sqlite;

namespace Framework.Host.Tracking.Sqlite;

/// <summary>
/// MLflow's own SQLite store, written directly: a file that <c>mlflow ui --backend-store-uri sqlite:///mlflow.db</c>
/// opens as its own, with artifacts in a local folder.
/// </summary>
/// <remarks>
/// WAL journal and a busy timeout let several trial processes write one file; every write is one short IMMEDIATE
/// transaction. Do not put the file on NFS: SQLite's locking is unsafe there (use a server, or per-job files merged by
/// <c>sync</c>). One connection per store, guarded by a lock: the batching writer is the only frequent caller.
/// </remarks>
internal sealed partial class SqliteTrackingStore : ITrackingStore
{
    private const int BusyTimeoutMs = 60_000;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private SqliteTrackingStore(SqliteConnection connection, string databasePath, string artifactRoot, string revision)
    {
        _connection = connection;
        DatabasePath = databasePath;
        ArtifactRoot = artifactRoot;
        SchemaRevision = revision;
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    /// <summary>The folder under which new experiments keep their runs' artifacts.</summary>
    public string ArtifactRoot { get; }

    /// <summary>The alembic revision of the database.</summary>
    public string SchemaRevision { get; }

    /// <inheritdoc />
    public string Location => "sqlite:///" + DatabasePath;

    /// <summary>Opens (creating when missing) an MLflow SQLite database.</summary>
    /// <param name="databasePath">The file; relative paths resolve against the working directory.</param>
    /// <param name="artifactRoot">Artifact root for new experiments; default <c>mlartifacts</c> beside the database.</param>
    public static SqliteTrackingStore Open(string databasePath, string? artifactRoot = null)
    {
        var path = Path.GetFullPath(databasePath);
        var root = Path.GetFullPath(artifactRoot ?? Path.Combine(Path.GetDirectoryName(path)!, "mlartifacts"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
            ForeignKeys = true,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // busy_timeout first: switching to WAL needs a lock another process may hold.
                pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            var uri = "sqlite:///" + path;
            var revision = MlflowSchemaGuard.EnsureSchema(connection, uri, LocalArtifactLocation.ToUri(Path.Combine(root, "0")));
            return new SqliteTrackingStore(connection, path, root, revision);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ExperimentInfo GetOrCreateExperiment(string name)
    {
        ValidateExperimentName(name);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var existing = FindExperiment(name, transaction);
            if (existing is not null)
            {
                transaction.Commit();
                return EnsureActive(existing);
            }

            var now = TrackingClock.NowMs();
            using var insert = Command(transaction, """
                INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
                VALUES ($name, NULL, 'active', $now, $now);
                SELECT last_insert_rowid();
                """);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$now", now);
            var id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

            // Like MLflow: the location is the root plus the id, known only after the insert.
            var location = LocalArtifactLocation.ToUri(Path.Combine(ArtifactRoot, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using var update = Command(transaction, "UPDATE experiments SET artifact_location = $location WHERE experiment_id = $id");
            update.Parameters.AddWithValue("$location", location);
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            transaction.Commit();
            return new ExperimentInfo(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, location, "active");
        }
    }

    /// <inheritdoc />
    public RunInfo CreateRun(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var experiment = ReadExperimentById(run.ExperimentId, transaction)
                ?? throw new TrackingException($"Experiment {run.ExperimentId} does not exist in {Location}.");
            EnsureActive(experiment);

            var runId = Guid.NewGuid().ToString("N");
            var artifactUri = LocalArtifactLocation.Append(experiment.ArtifactLocation, runId, "artifacts");

            // Column values as MLflow's SqlAlchemyStore.create_run writes them: the source columns are deprecated and
            // left UNKNOWN/empty; the mlflow.source.* tags carry that information.
            using var insert = Command(transaction, """
                INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time,
                                  end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
                VALUES ($id, $name, 'UNKNOWN', '', '', $user, 'RUNNING', $start, NULL, '', 'active', $artifactUri, $experiment)
                """);
            insert.Parameters.AddWithValue("$id", runId);
            insert.Parameters.AddWithValue("$name", run.RunName);
            insert.Parameters.AddWithValue("$user", run.UserId);
            insert.Parameters.AddWithValue("$start", run.StartTimeMs);
            insert.Parameters.AddWithValue("$artifactUri", artifactUri);
            insert.Parameters.AddWithValue("$experiment", long.Parse(run.ExperimentId, System.Globalization.CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();

            var tags = new Dictionary<string, string>(run.Tags) { [MlflowTagKeys.RunName] = run.RunName };
            WriteTags(runId, tags.ToList(), transaction);
            transaction.Commit();
            return new RunInfo(runId, run.ExperimentId, run.RunName, artifactUri, RunStatus.Running, run.StartTimeMs, null, run.UserId);
        }
    }

    /// <inheritdoc />
    public RunInfo GetRun(string runId)
    {
        lock (_gate)
        {
            using var command = Command(null, RunSelect + " WHERE run_uuid = $id");
            command.Parameters.AddWithValue("$id", runId);
            return ReadRuns(command).FirstOrDefault()
                ?? throw new TrackingException($"Run '{runId}' does not exist in {Location}. Check the run id (32 hex characters).");
        }
    }

    /// <inheritdoc />
    public RunData GetRunData(string runId)
    {
        lock (_gate)
        {
            return new RunData(ReadPairs("SELECT key, value FROM params WHERE run_uuid = $id", runId),
                               ReadPairs("SELECT key, value FROM tags WHERE run_uuid = $id", runId));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricPoint> GetMetricHistory(string runId)
    {
        lock (_gate)
        {
            using var command = Command(null, """
                SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = $id ORDER BY key, step, timestamp
                """);
            command.Parameters.AddWithValue("$id", runId);
            using var reader = command.ExecuteReader();
            var points = new List<MetricPoint>();
            while (reader.Read())
            {
                // As MLflow's SqlMetric.to_mlflow_entity: is_nan wins; stored infinities stay the largest double.
                var value = reader.GetInt64(4) != 0 ? double.NaN : reader.GetDouble(1);
                points.Add(new MetricPoint(reader.GetString(0), value, reader.GetInt64(2), reader.GetInt64(3)));
            }

            return points;
        }
    }

    /// <inheritdoc />
    public RunInfo? FindRunByTag(string experimentId, string key, string value)
    {
        lock (_gate)
        {
            using var command = Command(null, RunSelect + """
                 WHERE experiment_id = $experiment AND lifecycle_stage = 'active'
                   AND run_uuid IN (SELECT run_uuid FROM tags WHERE key = $key AND value = $value)
                 ORDER BY start_time LIMIT 1
                """);
            command.Parameters.AddWithValue("$experiment", long.Parse(experimentId, System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            return ReadRuns(command).FirstOrDefault();
        }
    }

    /// <inheritdoc />
    public void LogBatch(
        string runId,
        IReadOnlyList<MetricPoint> metrics,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (metrics.Count == 0 && parameters.Count == 0 && tags.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            WriteParams(runId, parameters, transaction);
            WriteTags(runId, tags, transaction);
            WriteMetrics(runId, metrics, transaction);
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public void UpdateRun(string runId, RunStatus status, long? endTimeMs)
    {
        lock (_gate)
        {
            using var command = Command(null, "UPDATE runs SET status = $status, end_time = $end WHERE run_uuid = $id");
            command.Parameters.AddWithValue("$status", RunStatusNames.ToMlflow(status));
            command.Parameters.AddWithValue("$end", endTimeMs is { } end ? end : DBNull.Value);
            command.Parameters.AddWithValue("$id", runId);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new TrackingException($"Run '{runId}' does not exist in {Location}.");
            }
        }
    }

    /// <inheritdoc />
    public void LogArtifact(RunInfo run, string localPath, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(run);
        MlflowNames.ValidateArtifactPath(artifactPath);
        if (!File.Exists(localPath))
        {
            throw new ArgumentException($"The artifact file '{localPath}' does not exist.", nameof(localPath));
        }

        var folder = LocalArtifactLocation.ToFolder(run.ArtifactUri, ArtifactRoot);
        var target = Path.Combine(folder, artifactPath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Copy then rename, so MLflow's UI never serves a half-written file.
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        File.Copy(localPath, partial, overwrite: true);
        File.Move(partial, target, overwrite: true);
    }

    /// <inheritdoc />
    public IReadOnlyList<ArtifactFile> ListArtifacts(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = LocalArtifactLocation.ToFolder(run.ArtifactUri, ArtifactRoot);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Contains(".partial-", StringComparison.Ordinal))
            .Select(f => new ArtifactFile(Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(f).Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The local file of one artifact of a run.</summary>
    public string ArtifactFilePath(RunInfo run, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(run);
        MlflowNames.ValidateArtifactPath(artifactPath);
        return Path.Combine(LocalArtifactLocation.ToFolder(run.ArtifactUri, ArtifactRoot), artifactPath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Every experiment, active or deleted, by id.</summary>
    public IReadOnlyList<ExperimentInfo> ListExperiments()
    {
        lock (_gate)
        {
            using var command = Command(null, "SELECT experiment_id, name, artifact_location, lifecycle_stage FROM experiments ORDER BY experiment_id");
            return ReadExperiments(command);
        }
    }

    /// <summary>The active runs of an experiment, oldest first.</summary>
    public IReadOnlyList<RunInfo> ListRuns(string experimentId)
    {
        lock (_gate)
        {
            using var command = Command(null, RunSelect + " WHERE experiment_id = $experiment AND lifecycle_stage = 'active' ORDER BY start_time, run_uuid");
            command.Parameters.AddWithValue("$experiment", long.Parse(experimentId, System.Globalization.CultureInfo.InvariantCulture));
            return ReadRuns(command);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}
