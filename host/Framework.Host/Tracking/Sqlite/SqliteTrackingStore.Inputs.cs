using Microsoft.Data.Sqlite;

namespace Framework.Host.Tracking.Sqlite;

/// <summary>Dataset inputs of <see cref="SqliteTrackingStore"/>: the <c>datasets</c>, <c>inputs</c> and <c>input_tags</c> rows.</summary>
internal sealed partial class SqliteTrackingStore
{
    /// <inheritdoc />
    /// <remarks>
    /// As MLflow 2.17's <c>SqlAlchemyStore._log_inputs</c>: a dataset is one row per (experiment, name, digest), reused
    /// by every run that reads it (a sweep's trials share it); a run links to it once (source DATASET, destination RUN),
    /// and the link's tags are written with the link. All of it in one transaction, so a resumed run adds nothing.
    /// </remarks>
    public void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using (var run = Command(transaction, "SELECT experiment_id, lifecycle_stage FROM runs WHERE run_uuid = $id"))
            {
                run.Parameters.AddWithValue("$id", runId);
                using var reader = run.ExecuteReader();
                if (!reader.Read())
                {
                    throw new TrackingException($"Run '{runId}' does not exist in {Location}.");
                }

                var experimentId = reader.GetInt64(0);
                reader.Close();
                foreach (var input in inputs.DistinctBy(i => (i.Name, i.Digest)))
                {
                    var datasetId = FindOrAddDataset(experimentId, input, transaction);
                    LinkDataset(runId, datasetId, input.Tags, transaction);
                }
            }

            transaction.Commit();
        }
    }

    private string FindOrAddDataset(long experimentId, DatasetInput input, SqliteTransaction transaction)
    {
        using var find = Command(transaction, "SELECT dataset_uuid FROM datasets WHERE experiment_id = $experiment AND name = $name AND digest = $digest");
        find.Parameters.AddWithValue("$experiment", experimentId);
        find.Parameters.AddWithValue("$name", input.Name);
        find.Parameters.AddWithValue("$digest", input.Digest);
        if (find.ExecuteScalar() is string existing)
        {
            return existing;
        }

        var datasetId = Guid.NewGuid().ToString("N");
        using var insert = Command(transaction, """
            INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile)
            VALUES ($uuid, $experiment, $name, $digest, $sourceType, $source, $schema, $profile)
            """);
        insert.Parameters.AddWithValue("$uuid", datasetId);
        insert.Parameters.AddWithValue("$experiment", experimentId);
        insert.Parameters.AddWithValue("$name", input.Name);
        insert.Parameters.AddWithValue("$digest", input.Digest);
        insert.Parameters.AddWithValue("$sourceType", input.SourceType);
        insert.Parameters.AddWithValue("$source", input.Source);
        insert.Parameters.AddWithValue("$schema", (object?)input.Schema ?? DBNull.Value);
        insert.Parameters.AddWithValue("$profile", (object?)input.Profile ?? DBNull.Value);
        insert.ExecuteNonQuery();
        return datasetId;
    }

    private void LinkDataset(string runId, string datasetId, IReadOnlyDictionary<string, string> tags, SqliteTransaction transaction)
    {
        using var find = Command(transaction, """
            SELECT input_uuid FROM inputs
            WHERE source_type = 'DATASET' AND source_id = $dataset AND destination_type = 'RUN' AND destination_id = $run
            """);
        find.Parameters.AddWithValue("$dataset", datasetId);
        find.Parameters.AddWithValue("$run", runId);
        if (find.ExecuteScalar() is string)
        {
            return;
        }

        var inputId = Guid.NewGuid().ToString("N");
        using var insert = Command(transaction, """
            INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id)
            VALUES ($uuid, 'DATASET', $dataset, 'RUN', $run)
            """);
        insert.Parameters.AddWithValue("$uuid", inputId);
        insert.Parameters.AddWithValue("$dataset", datasetId);
        insert.Parameters.AddWithValue("$run", runId);
        insert.ExecuteNonQuery();
        foreach (var (name, value) in tags)
        {
            using var tag = Command(transaction, "INSERT INTO input_tags (input_uuid, name, value) VALUES ($uuid, $name, $value)");
            tag.Parameters.AddWithValue("$uuid", inputId);
            tag.Parameters.AddWithValue("$name", name);
            tag.Parameters.AddWithValue("$value", value);
            tag.ExecuteNonQuery();
        }
    }

    /// <summary>The dataset inputs of a run with their tags (for <c>sync</c>), oldest link first.</summary>
    public IReadOnlyList<DatasetInput> GetRunInputs(string runId)
    {
        lock (_gate)
        {
            using var command = Command(null, """
                SELECT i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile, t.name, t.value
                FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
                LEFT JOIN input_tags t ON t.input_uuid = i.input_uuid
                WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id = $run
                ORDER BY i.rowid, t.name
                """);
            command.Parameters.AddWithValue("$run", runId);
            using var reader = command.ExecuteReader();
            var inputs = new List<(string Id, DatasetInput Input)>();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (inputs.Count == 0 || inputs[^1].Id != id)
                {
                    inputs.Add((id, new DatasetInput(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                        new Dictionary<string, string>(StringComparer.Ordinal))));
                }

                if (!reader.IsDBNull(7))
                {
                    ((Dictionary<string, string>)inputs[^1].Input.Tags)[reader.GetString(7)] = reader.GetString(8);
                }
            }

            return inputs.Select(i => i.Input).ToList();
        }
    }
}
