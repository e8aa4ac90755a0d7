using System.Text.RegularExpressions;

namespace Framework.Testing.Conformance;

/// <summary>The naming rules of metrics shared by every plugin, so that runs of different models compare in one table:
/// lower-case words with <c>_</c>, in <c>/</c>-separated levels, the first naming the split or kind
/// (<c>test/neg_elbo</c>, <c>train/loss</c>, <c>log_z/ais</c>, <c>test/kl_dim/3</c>).</summary>
public static partial class MetricNames
{
    /// <summary>Whether <paramref name="name"/> follows the rules.</summary>
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Whether a dataset observable's name follows the rules: one lower-case word with <c>_</c> (the host
    /// prefixes <c>data/</c> and <c>samples/</c>).</summary>
    public static bool IsValidObservable(string name) => ObservablePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_]+(/[a-z0-9_.]+)+$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ObservablePattern();
}
