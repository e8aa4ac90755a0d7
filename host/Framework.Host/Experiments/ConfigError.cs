namespace Framework.Host.Experiments;

/// <summary>One problem in an experiment file, located for an editor to jump to.</summary>
/// <param name="File">The experiment file, or <c>--set</c> for a command-line override.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, with the allowed values or a "did you mean".</param>
internal sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
