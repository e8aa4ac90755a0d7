namespace Framework.Plugins.Rbm.Training;

/// <summary>Learning rate and momentum as functions of the step counters, so a resumed run continues the same
/// schedule from the host's restored counters without any state of its own.</summary>
internal sealed class TrainingSchedule(
    double learningRate,
    LearningRateSchedule shape,
    double finalFraction,
    double initialMomentum,
    double finalMomentum,
    int momentumSwitchEpoch)
{
    public double LearningRate(long step, long totalSteps)
    {
        if (shape == LearningRateSchedule.Constant || totalSteps <= 1)
            return learningRate;
        var progress = Math.Clamp((double)step / (totalSteps - 1), 0, 1);
        var decay = shape switch
        {
            LearningRateSchedule.Linear => 1 - progress,
            LearningRateSchedule.Cosine => 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new InvalidOperationException($"Unknown learning-rate schedule {shape}."),
        };
        return learningRate * (finalFraction + (1 - finalFraction) * decay);
    }

    /// <summary>Hinton's guide: a low momentum while the weights are far from their final values, then a high one.</summary>
    public double Momentum(int epoch) => epoch < momentumSwitchEpoch ? initialMomentum : finalMomentum;
}
