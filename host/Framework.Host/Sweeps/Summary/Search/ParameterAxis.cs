using System.Globalization;

namespace Framework.Host.Sweeps.Summary.Search;

/// <summary>Where a parameter's values go on an axis: numbers as they are or as log10 for a log parameter, categories
/// at 0, 1, 2, ... in sorted order; with round tick positions and their labels.</summary>
internal sealed class ParameterAxis
{
    private readonly List<string> _categories;

    public ParameterAxis(PlotParameter parameter, IEnumerable<PlotValue> values)
    {
        Parameter = parameter;
        var list = values.ToList();
        _categories = list.Where(v => v.IsCategorical).Select(v => v.Category!).Distinct().Order(StringComparer.Ordinal).ToList();
        IsCategorical = _categories.Count > 0;
        var positions = list.Select(Position).Where(double.IsFinite).ToList();
        (Min, Max) = positions.Count == 0 ? (0, 1) : (positions.Min(), positions.Max());
    }

    public PlotParameter Parameter { get; }

    public bool IsCategorical { get; }

    /// <summary>The smallest and largest position of the values.</summary>
    public double Min { get; }

    public double Max { get; }

    /// <summary>The label of the axis: the name, and how it is scaled.</summary>
    public string Label => Parameter.Name + (Parameter.IsLog && !IsCategorical ? "\n(log scale)" : "");

    public double Position(PlotValue value) => value.IsCategorical
        ? _categories.IndexOf(value.Category!)
        : Parameter.IsLog ? (value.Number > 0 ? Math.Log10(value.Number) : double.NaN) : value.Number;

    /// <summary>The position scaled to 0..1 over the values' range (0.5 when they are all equal).</summary>
    public double Normalized(PlotValue value) => Max > Min ? (Position(value) - Min) / (Max - Min) : 0.5;

    /// <summary>Tick positions inside the range and their labels: every category; decades (or 1, 2, 5 times them over
    /// less than two decades) for a log parameter; five evenly spaced values otherwise.</summary>
    public (double[] Positions, string[] Labels) Ticks()
    {
        if (IsCategorical)
            return (_categories.Select((_, i) => (double)i).ToArray(), [.. _categories]);
        if (Parameter.IsLog)
        {
            double[] mantissas = Max - Min < 2 ? [1, 2, 5] : [1];
            var ticks = Enumerable.Range((int)Math.Floor(Min), (int)Math.Ceiling(Max) - (int)Math.Floor(Min) + 1)
                .SelectMany(k => mantissas.Select(m => Math.Log10(m) + k))
                .Where(p => p >= Min - 1e-9 && p <= Max + 1e-9).ToList();
            if (ticks.Count < 2)
                ticks = [Min, Max];
            return ([.. ticks], ticks.Select(p => Format(Math.Pow(10, p))).ToArray());
        }
        var even = Enumerable.Range(0, 5).Select(i => Min + (Max - Min) * i / 4).Distinct().ToArray();
        return (even, even.Select(Format).ToArray());
    }

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
