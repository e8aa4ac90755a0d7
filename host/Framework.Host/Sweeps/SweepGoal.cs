namespace Framework.Host.Sweeps;

/// <summary>Whether the summary's metric is better high or low.</summary>
internal enum SweepGoal
{
    /// <summary>Maximise log-likelihoods (names ending in <c>loglik</c>) and accuracies, minimise everything else.</summary>
    Auto,

    /// <summary>Higher is better.</summary>
    Maximize,

    /// <summary>Lower is better.</summary>
    Minimize,
}
