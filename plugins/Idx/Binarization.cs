namespace Framework.Plugins.Idx;

/// <summary>How pixel intensities in [0, 1] are turned into binary values, if at all.</summary>
public enum Binarization
{
    /// <summary>Keep grey levels in [0, 1].</summary>
    None,

    /// <summary>1 where the intensity is above <see cref="IdxOptions.Threshold"/>, else 0 (the same data every run).</summary>
    Threshold,

    /// <summary>Each pixel is 1 with probability equal to its intensity, drawn once from the run's seeded generator.</summary>
    Stochastic,
}
