namespace Framework.Plugins.Vae;

/// <summary>How the learning rate changes over training, after the optional linear warm-up.</summary>
public enum LearningRateSchedule
{
    /// <summary>The optimiser's learning rate throughout.</summary>
    Constant,

    /// <summary>Half a cosine from the learning rate down to <see cref="VaeOptions.FinalLrFactor"/> times it.</summary>
    Cosine,

    /// <summary>Multiplied by <see cref="VaeOptions.LrGamma"/> once per epoch.</summary>
    Exponential,
}
