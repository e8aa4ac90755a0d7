namespace Framework.Host.Tracking;

/// <summary>The limits MLflow's server enforces (mlflow/utils/validation.py), checked on our side so nothing is truncated.</summary>
internal static class MlflowLimits
{
    /// <summary>Longest metric, param or tag key.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>Longest param value; the server silently truncates longer ones.</summary>
    public const int MaxParamValueLength = 6000;

    /// <summary>Longest tag value; the server silently truncates longer ones.</summary>
    public const int MaxTagValueLength = 8000;

    /// <summary>Longest experiment name.</summary>
    public const int MaxExperimentNameLength = 500;

    /// <summary>Metrics in one log-batch request.</summary>
    public const int MaxMetricsPerBatch = 1000;

    /// <summary>Params in one log-batch request.</summary>
    public const int MaxParamsPerBatch = 100;

    /// <summary>Tags in one log-batch request.</summary>
    public const int MaxTagsPerBatch = 100;

    /// <summary>Metrics, params and tags together in one log-batch request.</summary>
    public const int MaxItemsPerBatch = 1000;

    /// <summary>Request body size we stay under (the server allows about 1 MB).</summary>
    public const int MaxBatchRequestBytes = 900_000;

    /// <summary>What MLflow stores for +infinity (and, negated, for -infinity): the largest double.</summary>
    public const double StoredInfinity = 1.7976931348623157e308;
}
