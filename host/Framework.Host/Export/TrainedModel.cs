using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Experiments;
using Framework.Host.Training;
using Framework.Host.Training.Parts;
using Framework.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Export;

/// <summary>A run's model rebuilt from its checkpoint as a resume rebuilds it (its data, training services with the
/// weight average, loop parts and the model's own state), on the CPU, without training: what export reads.</summary>
internal sealed class TrainedModel : IDisposable
{
    private readonly Dataset _data;
    private readonly TrainingServices _services;

    private TrainedModel(Dataset data, TrainingServices services, IModel model, CheckpointHeader header)
    {
        _data = data;
        _services = services;
        Model = model;
        Header = header;
    }

    /// <summary>The restored model.</summary>
    public IModel Model { get; }

    /// <summary>The checkpoint's header: where training stood.</summary>
    public CheckpointHeader Header { get; }

    /// <summary>The data the model was built on (its shape and value range describe the model's inputs).</summary>
    public Dataset Data => _data;

    /// <summary>The run's training services: its optimisers' state and the weight average of <c>training.ema</c>.</summary>
    public TrainingServices Services => _services;

    /// <summary>Swaps the averaged weights in until the scope ends, as the trainer does for evaluation and sampling.</summary>
    public IDisposable UseAveragedWeights() => _services.UseAveragedWeights();

    /// <summary>Rebuilds the model of <paramref name="experiment"/> and restores <paramref name="checkpoint"/> into it.</summary>
    /// <exception cref="InvalidDataException">The checkpoint does not belong to this experiment's model.</exception>
    public static TrainedModel Restore(ExperimentDefinition experiment, IModelPlugin modelPlugin, IDatasetPlugin datasetPlugin,
        string checkpoint, string cacheDirectory, ILoggerFactory loggers)
    {
        var header = CheckpointFile.ReadHeader(checkpoint);
        if (!string.Equals(header.ModelPlugin, modelPlugin.Name, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{checkpoint} is a checkpoint of model '{header.ModelPlugin}', but the run's configuration names '{modelPlugin.Name}'.");

        var settings = experiment.Training;
        var data = ExperimentData.Load(experiment, datasetPlugin, cacheDirectory, loggers);
        long stepsPerEpoch = ExperimentData.StepsPerEpoch(data, settings.BatchSize);
        var services = new TrainingServices(ServicesFromExperiment.Settings(settings, modelPlugin.OptimizerGroups(experiment.Model.Options), stepsPerEpoch));
        IModel? model = null;
        // The generator's state is restored from the checkpoint; the model's initial draws are overwritten by it too.
        using var generator = new Generator((ulong)SeedStreams.Derive(settings.Seed, SeedStreams.StepGenerator), CPU);
        try
        {
            // Built as the trainer builds it (outside a dispose scope: the model keeps what it creates), restored inside one.
            model = modelPlugin.Create(experiment.Model.Options, new ModelContext(CPU, generator, data, services, settings.BatchSize,
                stepsPerEpoch, settings.Epochs, loggers.CreateLogger("Plugin." + modelPlugin.Name)));
            services.CompleteRegistration();
            using (var scope = NewDisposeScope())
                CheckpointFile.Restore(checkpoint, generator, RunCheckpoints.Sections(model, services, Trainer.Parts(settings, services)));

            return new TrainedModel(data, services, model, header);
        }
        catch
        {
            model?.Dispose();
            services.Dispose();
            data.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        _services.Dispose();
        _data.Dispose();
    }
}
