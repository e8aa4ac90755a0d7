namespace Framework.Search;

/// <summary>How a parameter's values are drawn: a real interval, an integer interval or a list of choices.</summary>
public enum ParameterKind { Float, Int, Categorical }

/// <summary>
/// One searched parameter. Float draws from [Low, High), Int from the integers Low..High inclusive; with Log the draw is
/// uniform in log space (Low must be positive). Categorical draws one of Choices. A conditional parameter (ParentName
/// set) exists in a trial only when the categorical parameter ParentName took one of ParentValues there.
/// </summary>
public sealed record SearchParameter(string Name, ParameterKind Kind, double Low = 0, double High = 0, bool Log = false,
    IReadOnlyList<string>? Choices = null, string? ParentName = null, IReadOnlyList<string>? ParentValues = null)
{
    /// <summary>Whether this parameter takes a value in a trial whose other values are <paramref name="values"/>.</summary>
    public bool IsActive(IReadOnlyDictionary<string, ParameterValue> values) =>
        ParentName is null
        || (values.TryGetValue(ParentName, out var parent) && parent is ParameterValue.Choice choice
            && ParentValues!.Contains(choice.Value));
}

/// <summary>
/// The parameters of a search. The constructor checks them (bounds, choices, parents) and orders them so that every
/// parent comes before the parameters it enables; <see cref="Ordered"/> is that order.
/// </summary>
public sealed record SearchSpace
{
    public SearchSpace(IReadOnlyList<SearchParameter> parameters)
    {
        Parameters = parameters;
        Ordered = Validate(parameters);
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>The parameters in declaration order, except that each parent precedes its children.</summary>
    public IReadOnlyList<SearchParameter> Ordered { get; }

    public SearchParameter ByName(string name) =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No search parameter '{name}'.");

    private static List<SearchParameter> Validate(IReadOnlyList<SearchParameter> parameters)
    {
        var byName = new Dictionary<string, SearchParameter>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
                throw new ArgumentException("A search parameter needs a name.");
            if (!byName.TryAdd(p.Name, p))
                throw new ArgumentException($"Search parameter '{p.Name}' is declared twice.");
            switch (p.Kind)
            {
                case ParameterKind.Float:
                    if (!double.IsFinite(p.Low) || !double.IsFinite(p.High) || !(p.Low < p.High))
                        throw new ArgumentException($"Search parameter '{p.Name}': low ({p.Low}) must be below high ({p.High}), both finite.");
                    break;
                case ParameterKind.Int:
                    if (p.Low != Math.Floor(p.Low) || p.High != Math.Floor(p.High) || !(p.Low <= p.High))
                        throw new ArgumentException($"Search parameter '{p.Name}': integer bounds need low <= high, both integers (got {p.Low}, {p.High}).");
                    break;
                case ParameterKind.Categorical:
                    if (p.Choices is null || p.Choices.Count == 0)
                        throw new ArgumentException($"Search parameter '{p.Name}' is categorical and needs at least one choice.");
                    if (p.Choices.Distinct(StringComparer.Ordinal).Count() != p.Choices.Count)
                        throw new ArgumentException($"Search parameter '{p.Name}' lists a choice twice.");
                    if (p.Log)
                        throw new ArgumentException($"Search parameter '{p.Name}' is categorical and cannot be log-scaled.");
                    break;
            }
            if (p.Log && p.Low <= 0)
                throw new ArgumentException($"Search parameter '{p.Name}' is log-scaled and needs low > 0 (got {p.Low}).");
        }
        foreach (var p in parameters.Where(p => p.ParentName is not null))
        {
            if (!byName.TryGetValue(p.ParentName!, out var parent))
                throw new ArgumentException($"Search parameter '{p.Name}' depends on '{p.ParentName}', which is not a search parameter.");
            if (parent.Kind != ParameterKind.Categorical)
                throw new ArgumentException($"Search parameter '{p.Name}' depends on '{p.ParentName}', which is not categorical.");
            if (p.ParentValues is null || p.ParentValues.Count == 0)
                throw new ArgumentException($"Search parameter '{p.Name}' depends on '{p.ParentName}' but names none of its values.");
            var unknown = p.ParentValues.Where(v => !parent.Choices!.Contains(v)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"Search parameter '{p.Name}' is enabled by {p.ParentName} = {string.Join(", ", unknown)}, not among its choices ({string.Join(", ", parent.Choices!)}).");
        }
        if (parameters.Any(p => p.ParentName is null && p.ParentValues is not null))
            throw new ArgumentException("A search parameter lists parent values without a parent.");

        // Depth-first: a parent is placed before its children; a cycle has no first parameter and is an error.
        var ordered = new List<SearchParameter>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 placed
        void Place(SearchParameter p)
        {
            if (state.TryGetValue(p.Name, out var s))
            {
                if (s == 1)
                    throw new ArgumentException($"Search parameter '{p.Name}' depends on itself through its parents.");
                return;
            }
            state[p.Name] = 1;
            if (p.ParentName is not null)
                Place(byName[p.ParentName]);
            state[p.Name] = 2;
            ordered.Add(p);
        }
        foreach (var p in parameters)
            Place(p);
        return ordered;
    }
}
