namespace Framework.Plugins.Vae.Training;

/// <summary>The weight of the KL term at every step: beta, reached linearly over the warm-up (Bowman et al. 2016; Sønderby et al. 2016).</summary>
internal sealed class KlWeightSchedule
{
    private readonly double _beta;
    private readonly long _warmupSteps;

    public KlWeightSchedule(double beta, double warmupEpochs, long stepsPerEpoch)
    {
        _beta = beta;
        _warmupSteps = (long)Math.Round(warmupEpochs * Math.Max(1, stepsPerEpoch));
    }

    /// <summary>Whether the weight changes during training (then it is worth logging).</summary>
    public bool Varies => _warmupSteps > 0;

    /// <summary>The weight for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    public double At(long completedSteps) =>
        completedSteps >= _warmupSteps ? _beta : _beta * (completedSteps + 1) / _warmupSteps;
}
