using Framework.Host.Tracking;
using Framework.Host.Tracking.Rest;

namespace Framework.Host.Tests.Tracking.Rest;

public sealed class LogBatchSplitterTests
{
    [Fact]
    public void LongTagValuesAreSplitSoThatNoRequestBodyReachesTheServersMegabyte()
    {
        var tags = Enumerable.Range(0, 150).Select(i => new KeyValuePair<string, string>($"note{i}", new string('"', 8000))).ToList();

        var chunks = LogBatchSplitter.Split([], [], tags);

        Assert.All(chunks, c => Assert.True(RestJson.LogBatch("0123456789abcdef0123456789abcdef", c).Length < 1_000_000));
        Assert.Equal(150, chunks.Sum(c => c.Tags.Count));
    }

    [Fact]
    public void RepeatedTagsKeepTheirLastValueAndRepeatedIdenticalParamsAreSentOnce()
    {
        var chunks = LogBatchSplitter.Split(
            [new MetricPoint("loss", 1, 1, 1)],
            [new("lr", "0.1"), new("lr", "0.1")],
            [new("stage", "warm-up"), new("stage", "main")]);

        var chunk = Assert.Single(chunks);
        Assert.Equal([new KeyValuePair<string, string>("lr", "0.1")], chunk.Params);
        Assert.Equal([new KeyValuePair<string, string>("stage", "main")], chunk.Tags);
        Assert.Single(chunk.Metrics);
    }

    [Fact]
    public void MlflowsEnvironmentVariablesConfigureTheClientAndABadNumberNamesTheVariable()
    {
        var options = RestClientOptions.FromEnvironment(name => name switch
        {
            "MLFLOW_HTTP_REQUEST_MAX_RETRIES" => "7",
            "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR" => "0.5",
            "MLFLOW_HTTP_REQUEST_TIMEOUT" => "30",
            "MLFLOW_TRACKING_INSECURE_TLS" => "True",
            _ => null,
        });

        Assert.Equal(new RestClientOptions(MaxRetries: 7, BackoffFactor: 0.5, Timeout: TimeSpan.FromSeconds(30), InsecureTls: true), options);
        Assert.Equal(new RestClientOptions(Timeout: TimeSpan.FromSeconds(120)), RestClientOptions.FromEnvironment(_ => null));
        var error = Assert.Throws<ArgumentException>(() => RestClientOptions.FromEnvironment(n => n == "MLFLOW_HTTP_REQUEST_TIMEOUT" ? "2m" : null));
        Assert.Contains("MLFLOW_HTTP_REQUEST_TIMEOUT", error.Message, StringComparison.Ordinal);
    }
}
