using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>A dataset context with a fixed seed, for loading data through the idx plugin.</summary>
internal sealed class TestDatasetContext : IDatasetContext, IDisposable
{
    public Generator Generator { get; } = new(1);

    public long Seed => 1;

    public string CacheDirectory => Path.GetTempPath();

    public ILogger Logger => NullLogger.Instance;

    public void Dispose() => Generator.Dispose();
}
