using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.Idx.Support;

/// <summary>A dataset context as the host makes one: a generator seeded from the experiment's seed and a cache folder.</summary>
internal sealed class TestDatasetContext : IDatasetContext, IDisposable
{
    public TestDatasetContext(long seed = 1)
    {
        Seed = seed;
        Generator = new Generator((ulong)seed);
        CacheDirectory = Directory.CreateTempSubdirectory("idx-cache-").FullName;
    }

    public Generator Generator { get; }

    public long Seed { get; }

    public string CacheDirectory { get; }

    public ILogger Logger => NullLogger.Instance;

    public void Dispose()
    {
        Generator.Dispose();
        Directory.Delete(CacheDirectory, recursive: true);
    }
}
