namespace Framework.Host.Tracking.Rest;

/// <summary>The server refused a request (4xx) with MLflow's <c>{"error_code", "message"}</c>; retrying will not help.</summary>
internal sealed class MlflowApiException : TrackingException
{
    public MlflowApiException(int statusCode, string errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>MLflow's error code (<c>INVALID_PARAMETER_VALUE</c>, <c>RESOURCE_DOES_NOT_EXIST</c>, ...).</summary>
    public string ErrorCode { get; }
}
