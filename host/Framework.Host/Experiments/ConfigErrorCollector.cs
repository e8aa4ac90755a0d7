using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>Gathers every problem of a load so that all of them are reported together, in file order.</summary>
internal sealed class ConfigErrorCollector
{
    private readonly List<(SourceLocation Location, string Message)> _errors = [];

    /// <summary>Whether any problem was found.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>The number of problems so far.</summary>
    public int Count => _errors.Count;

    /// <summary>Records a problem.</summary>
    /// <param name="location">Where it is.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <remarks>A problem already recorded at the same place is not recorded again: a value inherited by several
    /// optimiser groups (see <see cref="OptimizerGroupInheritance"/>) is wrong once, where it was written.</remarks>
    public void Add(SourceLocation location, string message)
    {
        if (_errors.Any(e => e.Location == location && Problem(e.Message) == Problem(message)))
            return;
        _errors.Add((location, message));
    }

    /// <summary>A message without the dotted path it starts with (<c>training.optimizers.g.lr: ...</c>).</summary>
    private static string Problem(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !message[..colon].Contains(' ', StringComparison.Ordinal) ? message[(colon + 2)..] : message;
    }

    /// <summary>
    /// The problems ordered as a reader meets them: the experiment file top to bottom, then each base file, then the
    /// overrides in command-line order.
    /// </summary>
    /// <returns>The errors.</returns>
    public IReadOnlyList<ConfigError> ToList() =>
        _errors
            .Select((e, index) => (e.Location, e.Message, Index: index))
            .OrderBy(e => e.Location.Source.Rank)
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ThenBy(e => e.Index)
            .Select(e => e.Location.Error(e.Message))
            .ToList();
}
