using Microsoft.Data.Sqlite;

namespace Framework.Host.Tracking.Rest;

/// <summary>
/// A durable, ordered outbox of writes for one MLflow server: an SQLite file beside the run, plus copies of artifact
/// files. Writes are appended before they are sent and removed once the server has accepted them, so an outage or a
/// crash loses nothing; <c>sync SPOOL SERVER</c> delivers what a finished process left behind.
/// </summary>
internal sealed class RequestSpool : IDisposable
{
    /// <summary>The spool files' extension, so <c>sync</c> recognises them.</summary>
    public const string Extension = ".spool.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private bool _closed;

    private RequestSpool(SqliteConnection connection, string path, string serverUri)
    {
        _connection = connection;
        Path = path;
        ServerUri = serverUri;
    }

    /// <summary>The spool file.</summary>
    public string Path { get; }

    /// <summary>The server the spooled writes are for (run ids belong to it).</summary>
    public string ServerUri { get; }

    private string FilesFolder => Path + ".files";

    /// <summary>Opens or creates a spool file for <paramref name="serverUri"/>; an existing spool must be for the same server.</summary>
    public static RequestSpool Open(string path, string? serverUri)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 60 }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE IF NOT EXISTS spool_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT NOT NULL, path TEXT NOT NULL,
                    body BLOB, file TEXT, description TEXT NOT NULL, created_ms INTEGER NOT NULL);
                """;
            command.ExecuteNonQuery();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT value FROM spool_info WHERE key = 'server'";
            var stored = read.ExecuteScalar() as string;
            if (stored is null)
            {
                if (serverUri is null)
                {
                    throw new TrackingException($"'{full}' is not a tracking spool (it names no server).");
                }

                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO spool_info (key, value) VALUES ('server', $server)";
                insert.Parameters.AddWithValue("$server", serverUri);
                insert.ExecuteNonQuery();
                stored = serverUri;
            }
            else if (serverUri is not null && !string.Equals(stored.TrimEnd('/'), serverUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                throw new TrackingException(
                    $"The spool '{full}' holds writes for {stored}, not {serverUri}: its run ids exist only there. Deliver it with: sync {full} {stored}");
            }

            return new RequestSpool(connection, full, stored);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a spool file (by its tables, not its name).</summary>
    public static bool IsSpool(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('outbox', 'spool_info')";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 2;
    }

    /// <summary>Appends writes in order, in one transaction; a file is copied into the spool first.</summary>
    public void Append(IReadOnlyList<SpooledRequest> requests)
    {
        var copies = new List<string?>(requests.Count);
        foreach (var request in requests)
        {
            if (request.FilePath is null)
            {
                copies.Add(null);
                continue;
            }

            Directory.CreateDirectory(FilesFolder);
            var copy = System.IO.Path.Combine(FilesFolder, Guid.NewGuid().ToString("N"));
            File.Copy(request.FilePath, copy);
            copies.Add(copy);
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO outbox (method, path, body, file, description, created_ms) VALUES ($method, $path, $body, $file, $description, $now)
                """;
            var method = insert.Parameters.Add("$method", SqliteType.Text);
            var path = insert.Parameters.Add("$path", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Blob);
            var file = insert.Parameters.Add("$file", SqliteType.Text);
            var description = insert.Parameters.Add("$description", SqliteType.Text);
            insert.Parameters.AddWithValue("$now", TrackingClock.NowMs());
            for (var i = 0; i < requests.Count; i++)
            {
                method.Value = requests[i].Method;
                path.Value = requests[i].Path;
                body.Value = (object?)requests[i].Body ?? DBNull.Value;
                file.Value = (object?)copies[i] ?? DBNull.Value;
                description.Value = requests[i].Description;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The oldest waiting writes, in order.</summary>
    public IReadOnlyList<SpooledRequest> Peek(int count)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, method, path, body, file, description FROM outbox ORDER BY seq LIMIT $count";
            command.Parameters.AddWithValue("$count", count);
            using var reader = command.ExecuteReader();
            var requests = new List<SpooledRequest>();
            while (reader.Read())
            {
                requests.Add(new SpooledRequest(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5)));
            }

            return requests;
        }
    }

    /// <summary>Removes a delivered (or refused) write and its file copy.</summary>
    public void Remove(SpooledRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM outbox WHERE seq = $seq";
            command.Parameters.AddWithValue("$seq", request.Sequence);
            command.ExecuteNonQuery();
        }

        if (request.FilePath is not null)
        {
            File.Delete(request.FilePath);
        }
    }

    /// <summary>How many writes wait.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM outbox";
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Closes the file; deletes it when nothing waits.</summary>
    /// <returns>The writes still waiting (the file is kept when there are any).</returns>
    public long Close()
    {
        if (_closed)
        {
            return 0;
        }

        _closed = true;
        var left = Count;
        lock (_gate)
        {
            _connection.Dispose();
        }

        if (left == 0)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Path + suffix);
            }

            if (Directory.Exists(FilesFolder))
            {
                Directory.Delete(FilesFolder, recursive: true);
            }
        }

        return left;
    }

    /// <inheritdoc />
    public void Dispose() => Close();
}
