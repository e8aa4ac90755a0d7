using Microsoft.Data.Sqlite;

namespace Framework.Host.Tracking.Sqlite;

/// <summary>
/// Creates MLflow 2.17.2's schema in a new database, and decides whether an existing one can be written as it is.
/// </summary>
/// <remarks>
/// An existing database is accepted at revision <see cref="MlflowSchemaDdl.Revision"/>, or at any revision we do not
/// know as older (a newer MLflow upgraded it in place) when every column we write still exists and no NOT NULL column
/// without a default has appeared that we would leave empty. Everything else is refused with what to do.
/// </remarks>
internal static class MlflowSchemaGuard
{
    /// <summary>The columns we insert or update, per table; explicit column lists keep us working after upgrades.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> WrittenColumns = new Dictionary<string, string[]>
    {
        ["experiments"] = ["experiment_id", "name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time"],
        ["runs"] =
        [
            "run_uuid", "name", "source_type", "source_name", "entry_point_name", "user_id", "status", "start_time",
            "end_time", "source_version", "lifecycle_stage", "artifact_uri", "experiment_id",
        ],
        ["tags"] = ["key", "value", "run_uuid"],
        ["params"] = ["key", "value", "run_uuid"],
        ["metrics"] = ["key", "value", "timestamp", "run_uuid", "step", "is_nan"],
        ["latest_metrics"] = ["key", "value", "timestamp", "step", "is_nan", "run_uuid"],
        ["datasets"] =
        [
            "dataset_uuid", "experiment_id", "name", "digest", "dataset_source_type", "dataset_source", "dataset_schema", "dataset_profile",
        ],
        ["inputs"] = ["input_uuid", "source_type", "source_id", "destination_type", "destination_id"],
        ["input_tags"] = ["input_uuid", "name", "value"],
    };

    // Alembic revisions of MLflow's tracking schema before 2.17.2's head, oldest first. MLflow 2.17.2 itself refuses
    // these ("Detected out-of-date database schema"), so we do too, with its fix. A revision not listed here and not
    // our own is taken as newer and checked column by column.
    private static readonly HashSet<string> OlderRevisions = new(StringComparer.Ordinal)
    {
        "451aebb31d03", "90e64c465722", "181f10493468", "df50e92ffc5e", "7ac759974ad8", "89d4b8295536",
        "2b4d017a5e9b", "cfd24bdc0731", "0a8213491aaa", "728d730b5ebd", "27a6a02d2cf1", "84291f40a231",
        "a8c4a736bde6", "39d1c3be5f05", "c48cb773bb87", "bd07f7e963c5", "0c779009ac13", "cc1f77228345",
        "97727af70f4d", "3500859a5d39", "7f2a7d5fae7d", "2d6e25af4d3e", "acf3f17fdcc7", "867495a8f9d4",
        "5b0e9adcef9c", "4465047574b1",
    };

    /// <summary>Creates the schema, the revision row and experiment 0 when the database is empty; verifies it otherwise.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="uri">The tracking URI, for messages.</param>
    /// <param name="defaultExperimentArtifactLocation">Artifact location of experiment 0 in a new database.</param>
    /// <returns>The alembic revision found or created.</returns>
    public static string EnsureSchema(SqliteConnection connection, string uri, string defaultExperimentArtifactLocation)
    {
        // IMMEDIATE: two trial processes that open a new file together must not both create the tables.
        using var transaction = connection.BeginTransaction(deferred: false);
        var tables = ReadTableNames(connection, transaction);
        if (tables.Count == 0)
        {
            CreateSchema(connection, transaction, defaultExperimentArtifactLocation);
            transaction.Commit();
            return MlflowSchemaDdl.Revision;
        }

        var revision = Verify(connection, transaction, tables, uri);
        transaction.Commit();
        return revision;
    }

    private static void CreateSchema(SqliteConnection connection, SqliteTransaction transaction, string defaultArtifactLocation)
    {
        Execute(connection, transaction, MlflowSchemaDdl.Statements);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // As MLflow's SqlAlchemyStore._create_default_experiment writes it.
        command.CommandText = """
            INSERT INTO alembic_version (version_num) VALUES ($revision);
            INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (0, 'Default', $location, 'active', $now, $now);
            """;
        command.Parameters.AddWithValue("$revision", MlflowSchemaDdl.Revision);
        command.Parameters.AddWithValue("$location", defaultArtifactLocation);
        command.Parameters.AddWithValue("$now", TrackingClock.NowMs());
        command.ExecuteNonQuery();
    }

    private static string Verify(SqliteConnection connection, SqliteTransaction transaction, HashSet<string> tables, string uri)
    {
        if (!tables.Contains("alembic_version"))
        {
            throw new TrackingException(
                $"{uri} holds tables but no alembic_version table, so it is not an MLflow tracking database. " +
                "Point tracking.uri (or MLFLOW_TRACKING_URI) at another file, or move this one away.");
        }

        var revisions = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version_num FROM alembic_version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                revisions.Add(reader.GetString(0));
            }
        }

        if (revisions.Count != 1)
        {
            throw new TrackingException(
                $"{uri} has {revisions.Count} rows in alembic_version (expected one); the database was not left by MLflow's " +
                "migrations. Repair it with 'mlflow db upgrade <uri>' or use another file.");
        }

        var revision = revisions[0];
        if (OlderRevisions.Contains(revision))
        {
            throw new TrackingException(
                $"{uri} has MLflow schema revision {revision}, older than {MlflowSchemaDdl.Revision} (MLflow 2.17.2) that we " +
                $"write. Upgrade it first with: mlflow db upgrade {uri}");
        }

        var problems = new List<string>();
        foreach (var (table, written) in WrittenColumns)
        {
            if (!tables.Contains(table))
            {
                problems.Add($"table '{table}' is missing");
                continue;
            }

            var columns = ReadColumns(connection, transaction, table);
            foreach (var column in written.Where(c => !columns.ContainsKey(c)))
            {
                problems.Add($"column '{table}.{column}' is missing");
            }

            foreach (var (column, required) in columns.Where(c => c.Value && !written.Contains(c.Key)))
            {
                problems.Add($"column '{table}.{column}' is NOT NULL without a default and we do not fill it");
            }
        }

        if (problems.Count > 0)
        {
            var at = revision == MlflowSchemaDdl.Revision ? "" : $" (revision {revision}, newer than MLflow 2.17.2's {MlflowSchemaDdl.Revision})";
            throw new TrackingException(
                $"{uri}{at} does not have the layout this client writes: {string.Join("; ", problems)}. " +
                "Use a new database file for this client, or a tracking server (http://...) that speaks the REST API.");
        }

        return revision;
    }

    private static HashSet<string> ReadTableNames(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Column name to "NOT NULL without default" for one table.</summary>
    private static Dictionary<string, bool> ReadColumns(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA table_info(\"{table}\")";
        using var reader = command.ExecuteReader();
        var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var name = reader.GetString(1);
            var notNull = reader.GetInt64(3) != 0;
            var hasDefault = !reader.IsDBNull(4);
            columns[name] = notNull && !hasDefault;
        }

        return columns;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
