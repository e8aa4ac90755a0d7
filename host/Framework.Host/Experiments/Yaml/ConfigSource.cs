namespace Framework.Host.Experiments.Yaml;

/// <summary>Where configuration text came from: a file, or the <c>--set</c> overrides.</summary>
/// <param name="Name">The file path as the user gave it (or as a <c>defaults</c> entry resolved it), or <c>--set</c>.</param>
/// <param name="Rank">The order errors are listed in: the experiment file first, then its base files, then overrides.</param>
internal sealed record ConfigSource(string Name, int Rank)
{
    /// <summary>The command-line overrides; their "line" is the override's 1-based index.</summary>
    public static ConfigSource Overrides { get; } = new("--set", int.MaxValue);
}
