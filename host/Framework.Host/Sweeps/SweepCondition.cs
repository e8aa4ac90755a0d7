using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>
/// When a search parameter applies: only in trials where another, categorical parameter takes one of the listed values
/// (<c>model.latent_dim: {int: [2, 16], when: {model: [models/vae.yaml]}}</c>), as a choice enables its own options.
/// </summary>
/// <param name="ParentKey">The categorical parameter (a list or a choice) it depends on.</param>
/// <param name="Values">The parent's values (as written) that enable it.</param>
/// <param name="Location">Where the condition is written.</param>
internal sealed record SweepCondition(string ParentKey, IReadOnlyList<string> Values, SourceLocation Location)
{
    /// <summary>The key inside a distribution's mapping.</summary>
    public const string Key = "when";

    public string Describe() => $"{Key}: {{{ParentKey}: [{string.Join(", ", Values)}]}}";
}
