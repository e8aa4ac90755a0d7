using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Testing;

/// <summary>What a dataset plugin gets from the host, for tests: a seeded generator and a cache folder of its own.</summary>
public sealed class TestDatasetContext : IDatasetContext, IDisposable
{
    private readonly bool _ownsCache;

    /// <summary>Creates a context with a generator seeded from <paramref name="seed"/>, caching in
    /// <paramref name="cacheDirectory"/>, or in a fresh temporary folder (deleted on dispose) when null.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="cacheDirectory">A folder for the plugin's caches, kept after dispose.</param>
    public TestDatasetContext(long seed = 1, string? cacheDirectory = null)
    {
        Seed = seed;
        Generator = new Generator((ulong)seed);
        _ownsCache = cacheDirectory is null;
        CacheDirectory = cacheDirectory ?? Directory.CreateTempSubdirectory("framework-test-cache-").FullName;
        Directory.CreateDirectory(CacheDirectory);
    }

    /// <inheritdoc />
    public Generator Generator { get; }

    /// <inheritdoc />
    public long Seed { get; }

    /// <inheritdoc />
    public string CacheDirectory { get; }

    /// <inheritdoc />
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Disposes the generator and deletes a cache folder this context made.</summary>
    public void Dispose()
    {
        Generator.Dispose();
        if (_ownsCache)
            Directory.Delete(CacheDirectory, recursive: true);
    }
}
