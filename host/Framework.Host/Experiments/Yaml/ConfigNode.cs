namespace Framework.Host.Experiments.Yaml;

/// <summary>A node of a configuration tree that remembers where it was written.</summary>
/// <remarks>
/// YamlDotNet's representation model forgets positions once values are merged and overridden; this tree keeps each
/// node's own position, so an error in a base file or an override points there and not at the experiment file.
/// </remarks>
internal abstract class ConfigNode(SourceLocation location)
{
    /// <summary>Where the node starts.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>The node as messages describe what was found: <c>'abc'</c>, <c>a mapping</c>, <c>a list</c>.</summary>
    public abstract string Describe();

    /// <summary>A deep copy, so that merging and overrides never change a node that an alias shares.</summary>
    /// <returns>The copy.</returns>
    public abstract ConfigNode Clone();
}
