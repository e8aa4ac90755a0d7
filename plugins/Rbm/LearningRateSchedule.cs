namespace Framework.Plugins.Rbm;

/// <summary>How the learning rate changes over the run.</summary>
public enum LearningRateSchedule
{
    /// <summary>The optimiser's learning rate throughout.</summary>
    Constant,

    /// <summary>Linear decay to <c>final_learning_rate_fraction</c> of it at the last step.</summary>
    Linear,

    /// <summary>Cosine decay to <c>final_learning_rate_fraction</c> of it at the last step.</summary>
    Cosine,
}
