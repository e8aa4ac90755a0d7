namespace Framework.Host.Tracking.Rest;

/// <summary>One write to the server, as kept in the spool: an HTTP method and path with a JSON body or a file.</summary>
/// <param name="Sequence">Its place in the spool's order (0 before it is spooled).</param>
/// <param name="Method"><c>POST</c> or <c>PUT</c>.</param>
/// <param name="Path">The path below the server's base URI (<c>api/2.0/mlflow/runs/log-batch</c>).</param>
/// <param name="Body">The JSON body, or null for a file upload.</param>
/// <param name="FilePath">The file to upload (a copy owned by the spool), or null.</param>
/// <param name="Description">What it carries, for reports (<c>log-batch run 1f2e...: 1000 metrics</c>).</param>
internal sealed record SpooledRequest(long Sequence, string Method, string Path, byte[]? Body, string? FilePath, string Description);
