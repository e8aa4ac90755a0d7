using Framework.Contracts.Data;
using Framework.Host.Experiments;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>
/// A run's data as its experiment describes it, loaded from the run's own seed stream, and the steps an epoch cuts it
/// into: the same for training and for rebuilding a trained model from its checkpoint (export), so both see the same
/// examples and the same number of steps per epoch (which schedules are counted in).
/// </summary>
internal static class ExperimentData
{
    /// <summary>Loads the dataset of <paramref name="experiment"/> on the CPU.</summary>
    public static Dataset Load(ExperimentDefinition experiment, IDatasetPlugin plugin, string cacheDirectory, ILoggerFactory loggers)
    {
        var settings = experiment.Training;
        using var dataGenerator = new Generator((ulong)SeedStreams.Derive(settings.Seed, SeedStreams.Dataset));
        Directory.CreateDirectory(cacheDirectory);
        return plugin.Load(experiment.Dataset.Options,
            new DatasetContext(dataGenerator, settings.Seed, cacheDirectory, loggers.CreateLogger("Plugin." + plugin.Name)));
    }

    /// <summary>Training steps per epoch: batches of <c>training.batch_size</c>, the last one possibly smaller.</summary>
    public static long StepsPerEpoch(Dataset data, int batchSize) => (data.TrainX.shape[0] + batchSize - 1) / batchSize;
}
