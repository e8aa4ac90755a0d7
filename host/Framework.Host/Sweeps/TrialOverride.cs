using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>One value a trial sets, as a <c>--set</c> override, with the place in the sweep section it came from.</summary>
/// <param name="Key">The dotted key.</param>
/// <param name="Value">The value as YAML text.</param>
/// <param name="Location">The grid value or distribution it came from, so validation errors point into the sweep section.</param>
internal sealed record TrialOverride(string Key, string Value, SourceLocation Location)
{
    /// <summary>The override as <c>--set</c> takes it: <c>key=value</c>.</summary>
    public string Argument => $"{Key}={Value}";
}
