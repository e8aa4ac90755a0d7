namespace Framework.Training.Options;

/// <summary>How momentum goes from its start value to the optimiser's over the momentum warm-up.</summary>
public enum MomentumWarmupShape
{
    /// <summary>The start value throughout the warm-up, then the optimiser's (Hinton's guide: 0.5, then 0.9).</summary>
    Step,

    /// <summary>A straight line from the start value to the optimiser's.</summary>
    Linear,
}
