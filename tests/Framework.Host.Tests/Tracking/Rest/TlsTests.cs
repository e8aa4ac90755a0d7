using Framework.Host.Experiments;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Rest;

namespace Framework.Host.Tests.Tracking.Rest;

/// <summary>HTTPS servers with a certificate from a private CA, as university servers often have.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly TestCertificates _certificates = new();
    private FakeMlflowServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeMlflowServer.StartAsync(tlsCertificate: _certificates.Server);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        _folder.Dispose();
    }

    private string StartAndFinishRun(Dictionary<string, string> environment)
    {
        var factory = new TrackingStoreFactory(new CollectingLoggerFactory(), environment.GetValueOrDefault, _folder.Path)
        {
            RestOptions = RestClientOptions.FromEnvironment(environment.GetValueOrDefault) with { MaxRetries = 2, BackoffFactor = 0.01 },
            SpoolDirectory = _folder.File("spool"),
        };
        using var tracker = factory.Open(factory.Resolve(new TrackingSettings { Uri = _server.Uri }, "tls"));
        using var run = tracker.StartRun(new RunStartRequest("tls", "r", new Dictionary<string, string>()));
        run.End(RunStatus.Finished);
        return run.RunId;
    }

    [Fact]
    public void AnUntrustedCertificateIsRefusedAtOnceNamingTheSettingsThatFixIt()
    {
        var error = Assert.Throws<TrackingException>(() => StartAndFinishRun(new Dictionary<string, string>()));

        Assert.IsNotType<TrackingStoreUnavailableException>(error);
        Assert.Contains("MLFLOW_TRACKING_SERVER_CERT_PATH", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.State.Requests);
    }

    [Fact]
    public void TheServersCaFromServerCertPathIsTrusted()
    {
        var pem = _certificates.WriteAuthorityPem(_folder.File("ca.pem"));

        var runId = StartAndFinishRun(new Dictionary<string, string> { ["MLFLOW_TRACKING_SERVER_CERT_PATH"] = pem });

        Assert.Equal("FINISHED", _server.State.Run(runId).Status);
    }

    [Fact]
    public void InsecureTlsSkipsTheCheck()
    {
        var runId = StartAndFinishRun(new Dictionary<string, string> { ["MLFLOW_TRACKING_INSECURE_TLS"] = "true" });

        Assert.Equal("FINISHED", _server.State.Run(runId).Status);
    }
}
