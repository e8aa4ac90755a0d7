namespace Framework.Training.Schedules;

/// <summary>The run's length: what schedules measure the step against.</summary>
/// <param name="StepsPerEpoch">Training steps (batches) per epoch.</param>
/// <param name="Epochs">Epochs of the run.</param>
public sealed record TrainingClock(long StepsPerEpoch, int Epochs)
{
    /// <summary>Training steps of the whole run.</summary>
    public long TotalSteps => StepsPerEpoch * Epochs;

    /// <summary>A length given in epochs (fractions allowed) and steps, in steps.</summary>
    /// <param name="epochs">Epochs.</param>
    /// <param name="steps">Steps added to them.</param>
    /// <returns>The length in steps.</returns>
    public long Steps(double epochs, long steps) => (long)Math.Round(epochs * StepsPerEpoch) + steps;

    /// <summary>The epochs completed before step <paramref name="step"/> (counted from 0).</summary>
    /// <param name="step">A training step.</param>
    /// <returns>The epoch index of that step.</returns>
    public long EpochOf(long step) => step / Math.Max(1, StepsPerEpoch);
}
