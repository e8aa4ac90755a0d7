namespace Framework.Host.Experiments.Yaml;

/// <summary>A scalar: text that becomes a typed value only when the schema says which type it should be.</summary>
/// <param name="value">The text (quotes and escapes already resolved).</param>
/// <param name="isPlain">Whether it was written without quotes (or with a core-schema tag), so it may be a number, boolean or null.</param>
/// <param name="location">Where it was written.</param>
internal sealed class ConfigScalar(string value, bool isPlain, SourceLocation location) : ConfigNode(location)
{
    /// <summary>The text.</summary>
    public string Value { get; } = value;

    /// <summary>Whether it was unquoted; a quoted <c>"3"</c> is a string, never a number.</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>Whether YAML reads it as null: empty, <c>~</c> or <c>null</c> unquoted.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <inheritdoc />
    public override string Describe() => IsNull ? "an empty value" : IsPlain ? $"'{Value}'" : $"the quoted string '{Value}'";

    /// <inheritdoc />
    public override ConfigNode Clone() => new ConfigScalar(Value, IsPlain, Location);
}
