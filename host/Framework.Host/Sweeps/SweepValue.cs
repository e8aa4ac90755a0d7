using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>One value a parameter takes, as the YAML text of a <c>--set</c> override, and where it was written.</summary>
/// <param name="Text">YAML text that reads back as the value (<c>16</c>, <c>0.1</c>, <c>[64, 32]</c>, <c>"3"</c>).</param>
/// <param name="Location">Where the value (or the distribution it was drawn from) is written, for error messages.</param>
internal sealed record SweepValue(string Text, SourceLocation Location);
