using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Framework.Host.Tracking.Rest;

/// <summary>
/// HTTP to an MLflow tracking server: JSON in and out, auth, TLS options, per-attempt timeouts and retries with
/// exponential back-off on 429, 5xx and network failures (never on other 4xx, which MLflow uses for refusals).
/// </summary>
internal sealed class MlflowRestClient : IDisposable
{
    private readonly HttpClient _withRetries;
    private readonly HttpClient _singleAttempt;

    /// <param name="baseUri">The server (<c>http://host:5000</c>, may include a path prefix).</param>
    /// <param name="options">Auth, TLS, retries and timeouts.</param>
    public MlflowRestClient(Uri baseUri, RestClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        BaseUri = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/");
        _withRetries = CreateClient(options, options.MaxRetries);
        _singleAttempt = CreateClient(options, 0);
    }

    /// <summary>The server's base URI, ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>The options in force.</summary>
    public RestClientOptions Options { get; }

    /// <summary>GETs a JSON response.</summary>
    public JsonElement Get(string path, params (string Name, string Value)[] query)
    {
        var queryString = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, queryString.Length == 0 ? path : path + "?" + queryString);
        return Send(request, retry: true);
    }

    /// <summary>POSTs a JSON body and returns the JSON response.</summary>
    public JsonElement Post(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        return Send(request, retry: true);
    }

    /// <summary>Sends a spooled write.</summary>
    /// <param name="spooled">The request.</param>
    /// <param name="retry">False while the server is known to be down: one attempt, so the writer is not held for minutes.</param>
    public void Send(SpooledRequest spooled, bool retry)
    {
        ArgumentNullException.ThrowIfNull(spooled);
        using var request = new HttpRequestMessage(new HttpMethod(spooled.Method), spooled.Path)
        {
            Content = spooled.Body is not null ? Json(spooled.Body) : new FileContent(spooled.FilePath!),
        };
        Send(request, retry);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private JsonElement Send(HttpRequestMessage request, bool retry)
    {
        var target = new Uri(BaseUri, request.RequestUri!);
        request.RequestUri = target;
        HttpResponseMessage response;
        try
        {
            // The callers are writer and spool threads without a synchronisation context: blocking here is safe.
            response = (retry ? _withRetries : _singleAttempt).SendAsync(request).GetAwaiter().GetResult();
        }
        catch (HttpRequestException ex) when (IsCertificateFailure(ex))
        {
            throw new TrackingException(
                $"The TLS certificate of {BaseUri} is not trusted ({ex.InnerException?.Message ?? ex.Message}). Set " +
                "MLFLOW_TRACKING_SERVER_CERT_PATH to the CA certificate that signed it, or MLFLOW_TRACKING_INSECURE_TLS=true for a test server.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException or IOException)
        {
            throw new TrackingStoreUnavailableException($"The MLflow server at {BaseUri} did not answer {request.Method} {target.AbsolutePath}: {ex.Message}", ex);
        }

        using (response)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                return document.RootElement.Clone();
            }

            if (IsTransient(response.StatusCode))
            {
                throw new TrackingStoreUnavailableException(
                    $"The MLflow server at {BaseUri} answered {status} to {request.Method} {target.AbsolutePath} after {(retry ? Options.MaxRetries : 0)} retries.");
            }

            var (code, message) = ReadError(text);
            var hint = status is 401 or 403
                ? " Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN."
                : "";
            throw new MlflowApiException(status, code, $"MLflow server {BaseUri} refused {request.Method} {target.AbsolutePath} ({status} {code}): {message}{hint}");
        }
    }

    private static (string Code, string Message) ReadError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return (root.TryGetProperty("error_code", out var code) ? code.GetString() ?? "" : "",
                    root.TryGetProperty("message", out var message) ? message.GetString() ?? text : text);
        }
        catch (JsonException)
        {
            // Malformed requests get an HTML page from MLflow's server, not JSON.
            return ("", text.Length > 300 ? text[..300] : text);
        }
    }

    /// <summary>An untrusted certificate will not become trusted by retrying.</summary>
    private static bool IsCertificateFailure(HttpRequestException error) => error.InnerException is System.Security.Authentication.AuthenticationException;

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static HttpClient CreateClient(RestClientOptions options, int retries)
    {
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        ConfigureTls(sockets, options);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (retries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = TimeSpan.FromSeconds(options.BackoffFactor),
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException http } => !IsCertificateFailure(http),
                    { Exception: TimeoutRejectedException or IOException } => true,
                    { Result: { } response } => IsTransient(response.StatusCode),
                    _ => false,
                }),
            });
        }

        builder.AddTimeout(options.EffectiveTimeout);
        var client = new HttpClient(new ResilienceHandler(builder.Build()) { InnerHandler = sockets })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Framework", "0.1"));
        if (options.Username is not null && options.Password is not null)
        {
            // MLflow's client: username and password (Basic) take precedence over a token.
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
        else if (options.Token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }

        return client;
    }

    private static void ConfigureTls(SocketsHttpHandler handler, RestClientOptions options)
    {
        if (options.InsecureTls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return;
        }

        if (options.ServerCertPath is null)
        {
            return;
        }

        if (!File.Exists(options.ServerCertPath))
        {
            throw new ArgumentException($"MLFLOW_TRACKING_SERVER_CERT_PATH='{options.ServerCertPath}' does not exist.");
        }

        var authority = X509CertificateLoader.LoadCertificateFromFile(options.ServerCertPath);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            // Trust the given CA for this server only, as requests' verify=<path> does.
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _withRetries.Dispose();
        _singleAttempt.Dispose();
    }
}
