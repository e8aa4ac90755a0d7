namespace Framework.Host.Tracking;

/// <summary>A run's params and tags.</summary>
/// <param name="Params">Write-once parameters.</param>
/// <param name="Tags">Tags, system tags included.</param>
internal sealed record RunData(IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Tags);
