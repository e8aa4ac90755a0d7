namespace Framework.Host.Experiments.Yaml;

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
/// <param name="key">The key, with its position (unknown-key errors point here).</param>
/// <param name="value">The value; merging and overrides replace it.</param>
internal sealed class ConfigEntry(ConfigScalar key, ConfigNode value)
{
    /// <summary>The key.</summary>
    public ConfigScalar Key { get; } = key;

    /// <summary>The key's text.</summary>
    public string Name => Key.Value;

    /// <summary>The value.</summary>
    public ConfigNode Value { get; set; } = value;
}
