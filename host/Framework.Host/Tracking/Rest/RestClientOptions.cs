using System.Globalization;

namespace Framework.Host.Tracking.Rest;

/// <summary>
/// How to reach an MLflow tracking server, read from the environment variables MLflow's Python client uses.
/// </summary>
/// <param name="Username"><c>MLFLOW_TRACKING_USERNAME</c>; with a password, Basic auth (preferred over a token).</param>
/// <param name="Password"><c>MLFLOW_TRACKING_PASSWORD</c>.</param>
/// <param name="Token"><c>MLFLOW_TRACKING_TOKEN</c>: Bearer auth when no username and password are set.</param>
/// <param name="InsecureTls"><c>MLFLOW_TRACKING_INSECURE_TLS</c>: skip certificate checks (self-signed test servers only).</param>
/// <param name="ServerCertPath"><c>MLFLOW_TRACKING_SERVER_CERT_PATH</c>: a CA certificate (PEM or DER) the server's chain must end in.</param>
/// <param name="MaxRetries"><c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c> (5): retries after 429, 5xx and network failures.</param>
/// <param name="BackoffFactor"><c>MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR</c> (2): the n-th retry waits factor × 2^(n-1) seconds.</param>
/// <param name="Timeout"><c>MLFLOW_HTTP_REQUEST_TIMEOUT</c> (120 s): the limit of one attempt.</param>
internal sealed record RestClientOptions(
    string? Username = null,
    string? Password = null,
    string? Token = null,
    bool InsecureTls = false,
    string? ServerCertPath = null,
    int MaxRetries = 5,
    double BackoffFactor = 2,
    TimeSpan? Timeout = null)
{
    /// <summary>The per-attempt timeout, 120 s when not given.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(120);

    /// <summary>While the server is down, the first wait before asking again; it doubles up to <see cref="MaxProbeInterval"/>.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts while the server is down.</summary>
    public TimeSpan MaxProbeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long closing the store waits for spooled records to reach the server before leaving them for <c>sync</c>.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the options; a malformed number is an error that names the variable.</summary>
    public static RestClientOptions FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Text(string name) => environment(name) is { Length: > 0 } value ? value : null;
        double Number(string name, double fallback)
        {
            var text = Text(name);
            if (text is null)
            {
                return fallback;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new ArgumentException($"{name}='{text}' is not a non-negative number.");
        }

        var insecure = Text("MLFLOW_TRACKING_INSECURE_TLS");
        return new RestClientOptions(
            Username: Text("MLFLOW_TRACKING_USERNAME"),
            Password: Text("MLFLOW_TRACKING_PASSWORD"),
            Token: Text("MLFLOW_TRACKING_TOKEN"),
            InsecureTls: insecure is not null && (insecure.Equals("true", StringComparison.OrdinalIgnoreCase) || insecure == "1"),
            ServerCertPath: Text("MLFLOW_TRACKING_SERVER_CERT_PATH"),
            MaxRetries: (int)Number("MLFLOW_HTTP_REQUEST_MAX_RETRIES", 5),
            BackoffFactor: Number("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", 2),
            Timeout: TimeSpan.FromSeconds(Number("MLFLOW_HTTP_REQUEST_TIMEOUT", 120)));
    }

    /// <summary>Never prints secrets.</summary>
    public override string ToString() =>
        $"auth={(Username is not null && Password is not null ? "basic" : Token is not null ? "bearer" : "none")}, insecureTls={InsecureTls}, " +
        $"retries={MaxRetries}, backoff={BackoffFactor}, timeout={EffectiveTimeout.TotalSeconds}s";
}
