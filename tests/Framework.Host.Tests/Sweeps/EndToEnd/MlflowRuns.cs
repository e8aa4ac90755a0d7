using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.Sweeps.EndToEnd;

/// <summary>Reads runs straight from an MLflow SQLite file, as MLflow's UI would see them.</summary>
internal static class MlflowRuns
{
    internal sealed record Run(string Id, string Name, string Status, long? EndTime, string ArtifactUri, IReadOnlyDictionary<string, string> Tags, IReadOnlyDictionary<string, string> Params)
    {
        public string Tag(string key) => Tags.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"run {Name} has no tag {key}");
    }

    public static List<Run> All(string database)
    {
        if (!File.Exists(database))
            return [];
        using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        db.Open();
        var runs = new List<Run>();
        using (var command = db.CreateCommand())
        {
            command.CommandText = "select run_uuid, name, status, end_time, artifact_uri from runs where lifecycle_stage = 'active' order by start_time";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                runs.Add(new Run(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4), new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        return runs.Select(r => r with { Tags = Pairs(db, "tags", r.Id), Params = Pairs(db, "params", r.Id) }).ToList();
    }

    public static Run Parent(List<Run> runs) => Assert.Single(runs, r => r.Tags.ContainsKey("framework.sweep.parent"));

    public static List<Run> Children(List<Run> runs, Run parent) =>
        runs.Where(r => r.Tags.TryGetValue("mlflow.parentRunId", out var id) && id == parent.Id).ToList();

    public static List<(double Step, double Value)> Metric(string database, string runId, string key)
    {
        using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "select step, value from metrics where run_uuid = $run and key = $key order by step";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        var points = new List<(double, double)>();
        while (reader.Read())
            points.Add((reader.GetDouble(0), reader.GetDouble(1)));
        return points;
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the runs, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<List<Run>> WaitUntil(string database, Func<List<Run>, bool> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            List<Run> runs;
            try
            {
                runs = All(database);
            }
            catch (SqliteException)
            {
                runs = []; // the file is being created
            }

            if (condition(runs))
                return runs;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for {what}; runs: {string.Join(", ", runs.Select(r => $"{r.Name}={r.Status}"))}");
            await Task.Delay(200);
        }
    }

    private static Dictionary<string, string> Pairs(SqliteConnection db, string table, string runId)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"select key, value from {table} where run_uuid = $run";
        command.Parameters.AddWithValue("$run", runId);
        using var reader = command.ExecuteReader();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
            pairs[reader.GetString(0)] = reader.GetString(1);
        return pairs;
    }
}
