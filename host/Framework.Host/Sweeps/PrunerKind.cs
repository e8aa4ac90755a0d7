namespace Framework.Host.Sweeps;

/// <summary>Which rule stops unpromising trials early, on the metric each evaluation logs.</summary>
internal enum PrunerKind
{
    /// <summary>Every trial runs to its end.</summary>
    None,

    /// <summary>Stop a trial whose best value so far is worse than the median of the other trials' at the same epoch.</summary>
    Median,

    /// <summary>Asynchronous successive halving: at epochs min_resource × reduction_factor^k keep the top 1/reduction_factor.</summary>
    Asha,
}
