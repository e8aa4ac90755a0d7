using Framework.Host.Tracking;

namespace Framework.Host.Training;

/// <summary>How a training run ended.</summary>
/// <param name="Status">Finished, Failed or Killed.</param>
/// <param name="GlobalStep">Steps done when it ended.</param>
/// <param name="FinalMetrics">The last value of every metric logged.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="SecondsToFirstStep">Seconds from process start to the end of the first training step, when one ran.</param>
/// <param name="Error">The error of a failed run.</param>
internal sealed record TrainingOutcome(
    RunStatus Status,
    long GlobalStep,
    IReadOnlyDictionary<string, double> FinalMetrics,
    TimeSpan Elapsed,
    double? SecondsToFirstStep,
    Exception? Error)
{
    /// <summary>Whether a sweep's pruner stopped the run (its status is then Killed).</summary>
    public bool Pruned { get; init; }
}
