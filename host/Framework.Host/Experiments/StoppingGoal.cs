namespace Framework.Host.Experiments;

/// <summary>Whether early stopping's metric is better high or low.</summary>
internal enum StoppingGoal
{
    /// <summary>Higher is better for log-likelihoods and accuracies, lower for everything else.</summary>
    Auto,

    /// <summary>Higher is better.</summary>
    Maximize,

    /// <summary>Lower is better.</summary>
    Minimize,
}
