using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.Tracking.Support;

/// <summary>Plain SQL against a database file, the way MLflow's SqlAlchemyStore reads it: nothing of ours in between.</summary>
internal static class Sql
{
    public static List<object?[]> Rows(string databasePath, string query, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(string databasePath, string query, params (string Name, object Value)[] parameters) =>
        Rows(databasePath, query, parameters).Single()[0];

    public static void Execute(string databasePath, string statements)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = statements;
        command.ExecuteNonQuery();
    }
}
