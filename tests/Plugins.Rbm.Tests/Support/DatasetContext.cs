using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>A seeded dataset context with a cache folder under the temporary directory.</summary>
internal sealed class DatasetContext(long seed) : IDatasetContext
{
    public Generator Generator { get; } = new((ulong)seed);

    public long Seed => seed;

    public string CacheDirectory { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rbm-tests-cache")).FullName;

    public ILogger Logger => NullLogger.Instance;
}
