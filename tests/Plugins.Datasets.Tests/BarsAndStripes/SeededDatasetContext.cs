using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.BarsAndStripes;

/// <summary>A seeded dataset context whose cache folder is a fresh temporary folder, deleted on dispose.</summary>
internal sealed class SeededDatasetContext : IDatasetContext, IDisposable
{
    public SeededDatasetContext(long seed)
    {
        Seed = seed;
        Generator = new Generator((ulong)seed);
        CacheDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dataset-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public Generator Generator { get; }

    public long Seed { get; }

    public string CacheDirectory { get; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public void Dispose() => Directory.Delete(CacheDirectory, recursive: true);
}
