using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Contracts.Data;

/// <summary>What a dataset plugin gets to load or generate data.</summary>
public interface IDatasetContext
{
    /// <summary>A generator seeded from the experiment's seed, for generated data and stochastic binarisation.</summary>
    Generator Generator { get; }

    /// <summary>The experiment's seed, for plugins that key a cache by it or run their own sampler.</summary>
    long Seed { get; }

    /// <summary>A folder where the plugin may cache expensive results between runs; it exists.</summary>
    string CacheDirectory { get; }

    /// <summary>A logger for progress of slow loads and for what was cached.</summary>
    ILogger Logger { get; }
}
