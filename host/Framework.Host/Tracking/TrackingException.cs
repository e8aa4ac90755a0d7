namespace Framework.Host.Tracking;

/// <summary>A tracking store refused an operation or could not be used; the message names the cause and the fix.</summary>
internal class TrackingException : Exception
{
    public TrackingException(string message) : base(message) { }

    public TrackingException(string message, Exception innerException) : base(message, innerException) { }
}
