using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>What a model sees during a training step or when sampling.</summary>
public interface IStepContext
{
    /// <summary>The run's device.</summary>
    Device Device { get; }

    /// <summary>The run's seeded generator, restored from checkpoints on resume; use it for every random draw.</summary>
    Generator Generator { get; }

    /// <summary>The number of training steps completed before this one (0 for the first step).</summary>
    long GlobalStep { get; }

    /// <summary>The current epoch, counting from 0.</summary>
    int Epoch { get; }

    /// <summary>The number of training steps per epoch.</summary>
    long StepsPerEpoch { get; }

    /// <summary>The total number of training steps of the run.</summary>
    long TotalSteps { get; }

    /// <summary>Whether the host will read the metrics of the current training step.</summary>
    /// <remarks>
    /// Since contracts 1.2. The host reads a step's <see cref="Models.StepOutput"/> only every <c>log_every</c> steps
    /// and at the end of each epoch (reading a value forces the device to finish its work). When this is false the output
    /// is ignored, NaN checks included, so a model may skip the tensors that only feed metrics and return an empty
    /// <see cref="Models.StepOutput"/>. The value does not change the training itself: a model must take the same update
    /// either way. Outside a training step, and from hosts older than 1.2, it is true.
    /// </remarks>
    bool ReportsMetrics => true;

    /// <summary>A logger for rare events; per-step numbers belong in the step's output.</summary>
    ILogger Logger { get; }

    /// <summary>Where to put files and images that belong to the run.</summary>
    IArtifactSink Artifacts { get; }

    /// <summary>Sets a tag on the run: a fact about the run that is a word rather than a number.</summary>
    /// <remarks>
    /// Since contracts 1.1. Use it to say how a metric was obtained, for example
    /// <c>SetTag("framework.loglik_estimator", "ais")</c> beside <c>test/loglik</c>. The host stores it as an MLflow tag;
    /// a later call with the same key replaces the value. Keys follow MLflow's rules (letters, digits, <c>_ - . / :</c>
    /// and spaces, at most 250 characters).
    /// </remarks>
    /// <param name="key">The tag's name.</param>
    /// <param name="value">The tag's value.</param>
    void SetTag(string key, string value);
}
