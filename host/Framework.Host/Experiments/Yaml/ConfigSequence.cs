namespace Framework.Host.Experiments.Yaml;

/// <summary>A YAML list.</summary>
/// <param name="items">The items in order.</param>
/// <param name="location">Where it starts.</param>
internal sealed class ConfigSequence(IReadOnlyList<ConfigNode> items, SourceLocation location) : ConfigNode(location)
{
    /// <summary>The items in order.</summary>
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    /// <inheritdoc />
    public override string Describe() => "a list";

    /// <inheritdoc />
    public override ConfigNode Clone() => new ConfigSequence(Items.Select(i => i.Clone()).ToList(), Location);
}
