namespace Framework.Contracts.Data;

/// <summary>A source of training and test data (image files, a Monte Carlo generator, a toy distribution).</summary>
/// <remarks>
/// Implementations are stateless and thread-safe. Loading may be slow (files, simulation): cache expensive results
/// under <see cref="IDatasetContext.CacheDirectory"/>, keyed by every option that changes the data.
/// </remarks>
public interface IDatasetPlugin : IPlugin
{
    /// <summary>Loads or generates the data on the CPU; the host moves it to the run's device.</summary>
    /// <param name="options">An instance of <see cref="IPlugin.OptionsType"/>, already validated.</param>
    /// <param name="context">Seeded generator, logger and cache folder.</param>
    /// <returns>The dataset, owned (and disposed) by the host.</returns>
    Dataset Load(object options, IDatasetContext context);
}
