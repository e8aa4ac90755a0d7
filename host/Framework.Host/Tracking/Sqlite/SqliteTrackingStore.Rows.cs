using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tracking.Sqlite;

/// <summary>Row reading and writing of <see cref="SqliteTrackingStore"/>; callers hold the lock.</summary>
internal sealed partial class SqliteTrackingStore
{
    private const string RunSelect =
        "SELECT run_uuid, experiment_id, name, artifact_uri, status, start_time, end_time, user_id, lifecycle_stage FROM runs";

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static List<RunInfo> ReadRuns(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var runs = new List<RunInfo>();
        while (reader.Read())
        {
            runs.Add(new RunInfo(
                reader.GetString(0),
                reader.IsDBNull(1) ? "" : reader.GetInt64(1).ToString(CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3),
                RunStatusNames.FromMlflow(reader.IsDBNull(4) ? null : reader.GetString(4)),
                reader.IsDBNull(5) ? 0 : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? "" : reader.GetString(7),
                reader.IsDBNull(8) ? "active" : reader.GetString(8)));
        }

        return runs;
    }

    private static List<ExperimentInfo> ReadExperiments(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var experiments = new List<ExperimentInfo>();
        while (reader.Read())
        {
            experiments.Add(new ExperimentInfo(
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.IsDBNull(3) ? "active" : reader.GetString(3)));
        }

        return experiments;
    }

    private ExperimentInfo? FindExperiment(string name, SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT experiment_id, name, artifact_location, lifecycle_stage FROM experiments WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        return ReadExperiments(command).FirstOrDefault();
    }

    private ExperimentInfo? ReadExperimentById(string experimentId, SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT experiment_id, name, artifact_location, lifecycle_stage FROM experiments WHERE experiment_id = $id");
        command.Parameters.AddWithValue("$id", long.Parse(experimentId, CultureInfo.InvariantCulture));
        return ReadExperiments(command).FirstOrDefault();
    }

    private ExperimentInfo EnsureActive(ExperimentInfo experiment)
    {
        if (experiment.LifecycleStage != "active")
        {
            throw new TrackingException(
                $"Experiment '{experiment.Name}' (id {experiment.ExperimentId}) in {Location} is deleted. Restore it in the MLflow UI " +
                "or with 'mlflow experiments restore', delete it for good with 'mlflow gc', or choose another experiment name.");
        }

        if (string.IsNullOrEmpty(experiment.ArtifactLocation))
        {
            throw new TrackingException($"Experiment '{experiment.Name}' in {Location} has no artifact location; MLflow cannot serve its artifacts.");
        }

        return experiment;
    }

    internal static void ValidateExperimentName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The MLflow experiment name is empty; set tracking.experiment or MLFLOW_EXPERIMENT_NAME.", nameof(name));
        }

        if (name.Length > MlflowLimits.MaxExperimentNameLength)
        {
            throw new ArgumentException($"The MLflow experiment name has {name.Length} characters; MLflow allows at most {MlflowLimits.MaxExperimentNameLength}.", nameof(name));
        }
    }

    private Dictionary<string, string> ReadPairs(string sql, string runId)
    {
        using var command = Command(null, sql);
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            pairs[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        return pairs;
    }

    private void WriteParams(string runId, IReadOnlyList<KeyValuePair<string, string>> parameters, SqliteTransaction transaction)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        using var insert = Command(transaction, "INSERT INTO params (key, value, run_uuid) VALUES ($key, $value, $run) ON CONFLICT (key, run_uuid) DO NOTHING");
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        insert.Parameters.AddWithValue("$run", runId);
        using var existing = Command(transaction, "SELECT value FROM params WHERE key = $key AND run_uuid = $run");
        var existingKey = existing.Parameters.Add("$key", SqliteType.Text);
        existing.Parameters.AddWithValue("$run", runId);
        foreach (var (k, v) in parameters)
        {
            key.Value = k;
            value.Value = v;
            if (insert.ExecuteNonQuery() == 1)
            {
                continue;
            }

            // Params are write-once in MLflow: the same value again is fine, a different one is refused.
            existingKey.Value = k;
            var old = existing.ExecuteScalar() as string;
            if (!string.Equals(old, v, StringComparison.Ordinal))
            {
                throw new TrackingException(
                    $"Changing param values is not allowed. Param with key='{k}' was already logged with value='{old}' for run " +
                    $"ID='{runId}'. Attempted logging new value '{v}'. Start a new run for a changed configuration.");
            }
        }
    }

    private void WriteTags(string runId, IReadOnlyList<KeyValuePair<string, string>> tags, SqliteTransaction transaction)
    {
        if (tags.Count == 0)
        {
            return;
        }

        using var upsert = Command(transaction, """
            INSERT INTO tags (key, value, run_uuid) VALUES ($key, $value, $run)
            ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value
            """);
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var value = upsert.Parameters.Add("$value", SqliteType.Text);
        upsert.Parameters.AddWithValue("$run", runId);
        foreach (var (k, v) in tags)
        {
            key.Value = k;
            value.Value = v;
            upsert.ExecuteNonQuery();
            if (k == MlflowTagKeys.RunName)
            {
                // MLflow keeps runs.name and the tag equal (set_tag of mlflow.runName renames the run).
                using var rename = Command(transaction, "UPDATE runs SET name = $name WHERE run_uuid = $run");
                rename.Parameters.AddWithValue("$name", v);
                rename.Parameters.AddWithValue("$run", runId);
                rename.ExecuteNonQuery();
            }
        }
    }

    private void WriteMetrics(string runId, IReadOnlyList<MetricPoint> metrics, SqliteTransaction transaction)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        using var insert = Command(transaction, """
            INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ($key, $value, $ts, $run, $step, $nan)
            """);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Real);
        var timestamp = insert.Parameters.Add("$ts", SqliteType.Integer);
        var step = insert.Parameters.Add("$step", SqliteType.Integer);
        var isNan = insert.Parameters.Add("$nan", SqliteType.Integer);
        insert.Parameters.AddWithValue("$run", runId);

        // MLflow's _update_latest_metrics_if_necessary: the point with the greatest (step, timestamp, stored value) wins.
        var latest = new Dictionary<string, (double Value, long Timestamp, long Step, bool IsNan)>(StringComparer.Ordinal);
        foreach (var point in metrics)
        {
            var (stored, nan) = StoredValue(point.Value);
            key.Value = point.Key;
            value.Value = stored;
            timestamp.Value = point.TimestampMs;
            step.Value = point.Step;
            isNan.Value = nan ? 1 : 0;
            insert.ExecuteNonQuery();
            if (!latest.TryGetValue(point.Key, out var best) || (point.Step, point.TimestampMs, stored).CompareTo((best.Step, best.Timestamp, best.Value)) > 0)
            {
                latest[point.Key] = (stored, point.TimestampMs, point.Step, nan);
            }
        }

        using var upsert = Command(transaction, """
            INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ($key, $value, $ts, $step, $nan, $run)
            ON CONFLICT (key, run_uuid) DO UPDATE SET
                value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan
            WHERE (excluded.step, excluded.timestamp, excluded.value)
                > (latest_metrics.step, COALESCE(latest_metrics.timestamp, -1), latest_metrics.value)
            """);
        var lKey = upsert.Parameters.Add("$key", SqliteType.Text);
        var lValue = upsert.Parameters.Add("$value", SqliteType.Real);
        var lTimestamp = upsert.Parameters.Add("$ts", SqliteType.Integer);
        var lStep = upsert.Parameters.Add("$step", SqliteType.Integer);
        var lNan = upsert.Parameters.Add("$nan", SqliteType.Integer);
        upsert.Parameters.AddWithValue("$run", runId);
        foreach (var (k, best) in latest)
        {
            lKey.Value = k;
            lValue.Value = best.Value;
            lTimestamp.Value = best.Timestamp;
            lStep.Value = best.Step;
            lNan.Value = best.IsNan ? 1 : 0;
            upsert.ExecuteNonQuery();
        }
    }

    /// <summary>How MLflow stores a value: NaN as 0 with is_nan = 1, infinities as the largest double.</summary>
    internal static (double Value, bool IsNan) StoredValue(double value) => value switch
    {
        double.NaN => (0.0, true),
        double.PositiveInfinity => (MlflowLimits.StoredInfinity, false),
        double.NegativeInfinity => (-MlflowLimits.StoredInfinity, false),
        _ => (value, false),
    };
}
