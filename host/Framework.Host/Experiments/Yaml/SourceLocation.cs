namespace Framework.Host.Experiments.Yaml;

/// <summary>A 1-based position in a configuration source.</summary>
/// <param name="Source">The file or <c>--set</c>.</param>
/// <param name="Line">1-based line (for <c>--set</c>: the override's 1-based index).</param>
/// <param name="Column">1-based column (for <c>--set</c>: the position in the argument).</param>
internal readonly record struct SourceLocation(ConfigSource Source, int Line, int Column)
{
    /// <summary>The first position of a source, for problems that belong to the whole file.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Line 1, column 1.</returns>
    public static SourceLocation StartOf(ConfigSource source) => new(source, 1, 1);

    /// <summary>An error at this position.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>The error.</returns>
    public ConfigError Error(string message) => new(Source.Name, Line, Column, message);

    /// <inheritdoc />
    public override string ToString() => $"{Source.Name}:{Line}:{Column}";
}
