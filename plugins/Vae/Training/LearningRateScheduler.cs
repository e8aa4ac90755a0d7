namespace Framework.Plugins.Vae.Training;

/// <summary>The learning rate at every training step: an optional linear warm-up, then a constant, cosine or exponential schedule.</summary>
/// <remarks>A pure function of the step, so a resumed run continues on the same curve with nothing to save.</remarks>
internal sealed class LearningRateScheduler
{
    private readonly LearningRateSchedule _schedule;
    private readonly double _baseRate;
    private readonly long _warmupSteps;
    private readonly long _stepsPerEpoch;
    private readonly long _totalSteps;
    private readonly double _finalFactor;
    private readonly double _gamma;

    public LearningRateScheduler(VaeOptions options, double baseRate, long stepsPerEpoch, long totalSteps)
    {
        _schedule = options.LrSchedule;
        _baseRate = baseRate;
        _stepsPerEpoch = Math.Max(1, stepsPerEpoch);
        _warmupSteps = (long)Math.Round(options.LrWarmupEpochs * _stepsPerEpoch);
        _totalSteps = Math.Max(1, totalSteps);
        _finalFactor = options.FinalLrFactor;
        _gamma = options.LrGamma;
    }

    /// <summary>Whether the rate ever differs from the base rate (then it is worth logging).</summary>
    public bool Varies => _schedule != LearningRateSchedule.Constant || _warmupSteps > 0;

    /// <summary>The rate for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    public double At(long completedSteps)
    {
        if (completedSteps < _warmupSteps)
            return _baseRate * (completedSteps + 1) / _warmupSteps;
        return _schedule switch
        {
            LearningRateSchedule.Constant => _baseRate,
            LearningRateSchedule.Cosine => _baseRate * Cosine(completedSteps),
            LearningRateSchedule.Exponential => _baseRate * Math.Pow(_gamma, completedSteps / _stepsPerEpoch),
            _ => throw new InvalidOperationException($"Unknown learning-rate schedule {_schedule}."),
        };
    }

    private double Cosine(long completedSteps)
    {
        var span = Math.Max(1, _totalSteps - _warmupSteps);
        var progress = Math.Clamp((double)(completedSteps - _warmupSteps) / span, 0, 1);
        return _finalFactor + (1 - _finalFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
