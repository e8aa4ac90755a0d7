namespace Framework.Host.Tracking;

/// <summary>The store did not answer (network failure, timeout, 429 or 5xx after all retries): try again later.</summary>
internal sealed class TrackingStoreUnavailableException : TrackingException
{
    public TrackingStoreUnavailableException(string message) : base(message) { }

    public TrackingStoreUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
