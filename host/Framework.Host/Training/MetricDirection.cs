namespace Framework.Host.Training;

/// <summary>Which way is better for a metric whose goal is not stated: the one rule that sweeps and early stopping share.</summary>
internal static class MetricDirection
{
    /// <summary>Whether higher is better: log-likelihoods (names ending in <c>loglik</c>) and accuracies; everything
    /// else (losses, -ELBO, distances) is better low.</summary>
    public static bool HigherIsBetter(string metric) =>
        metric.EndsWith("loglik", StringComparison.Ordinal) || metric.Contains("accuracy", StringComparison.Ordinal);
}
