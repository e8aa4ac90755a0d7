using Framework.Contracts.Data;
using Framework.Contracts.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Contracts.Models;

/// <summary>What a model factory gets to build a model.</summary>
public interface IModelContext
{
    /// <summary>The device that parameters must live on.</summary>
    Device Device { get; }

    /// <summary>The run's seeded generator; use it for weight initialisation.</summary>
    Generator Generator { get; }

    /// <summary>The training data, already on <see cref="Device"/> (for data-dependent initialisation such as visible biases from log-odds).</summary>
    Dataset Data { get; }

    /// <summary>Builds the optimisers of the groups the plugin declared (<see cref="IModelPlugin.OptimizerGroups"/>).</summary>
    /// <remarks>Since contracts 2.0, replacing the settings object of 1.x: the host owns the optimisers, their
    /// schedules, clipping, accumulation, averaging and checkpoints.</remarks>
    IOptimizerFactory Optimizers { get; }

    /// <summary>The training batch size.</summary>
    int BatchSize { get; }

    /// <summary>The number of training steps per epoch.</summary>
    long StepsPerEpoch { get; }

    /// <summary>The number of epochs the run is configured for.</summary>
    int Epochs { get; }

    /// <summary>The total number of training steps of the run.</summary>
    long TotalSteps { get; }

    /// <summary>A logger for rare, human-relevant events; per-step numbers go to <see cref="StepOutput"/>.</summary>
    ILogger Logger { get; }
}
