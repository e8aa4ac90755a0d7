namespace Framework.Host.Sweeps.Summary.Search;

/// <summary>How a trial of a search ended, as the plots count it. (The Plot* types are the plots' own plain view of a
/// search, apart from the search engine's types, so that any store of trials can be drawn.)</summary>
internal enum PlotTrialState
{
    Complete,
    Pruned,
    Failed,
}

/// <summary>A searched parameter: its name (a YAML key such as <c>training.optimizer.lr</c>) and whether it is searched
/// on a log scale (then its axes are logarithmic). Categorical parameters are those whose values are strings.</summary>
internal sealed record PlotParameter(string Name, bool IsLog = false);

/// <summary>One value of a parameter: a number, or a category (a choice such as <c>relu</c>).</summary>
internal readonly record struct PlotValue(double Number, string? Category)
{
    public bool IsCategorical => Category is not null;

    public static implicit operator PlotValue(double number) => new(number, null);

    public static implicit operator PlotValue(string category) => new(double.NaN, category);

    public override string ToString() => Category ?? Number.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One trial of a search.</summary>
/// <param name="Number">Its number, in the order trials were proposed.</param>
/// <param name="State">How it ended.</param>
/// <param name="Value">Its objective: the final value of a complete trial, the last reported one of a pruned trial, or null.</param>
/// <param name="Parameters">Its parameter values by name; a conditional parameter it did not use is absent.</param>
internal sealed record PlotTrial(int Number, PlotTrialState State, double? Value, IReadOnlyDictionary<string, PlotValue> Parameters)
{
    /// <summary>Whether the trial counts for the search's results: complete with a finite objective.</summary>
    public bool Counts => State == PlotTrialState.Complete && Value is { } v && double.IsFinite(v);
}
