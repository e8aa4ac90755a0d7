using System.Globalization;

namespace Framework.Plugins.Vae.Rendering;

/// <summary>Round tick values (1, 2 or 5 times a power of ten) that cover a data range, as plotting libraries choose them.</summary>
internal sealed class AxisTicks
{
    private AxisTicks(double[] values, double step)
    {
        Values = values;
        Step = step;
    }

    /// <summary>The tick values, ascending; the first and last enclose the data.</summary>
    public double[] Values { get; }

    /// <summary>The distance between ticks.</summary>
    public double Step { get; }

    public double Minimum => Values[0];

    public double Maximum => Values[^1];

    /// <summary>Ticks for [<paramref name="low"/>, <paramref name="high"/>], at most about <paramref name="target"/> of them.</summary>
    public static AxisTicks Cover(double low, double high, int target = 6)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            (low, high) = (0, 1);
        if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
            (low, high) = (low - 0.5 * Math.Max(1e-6, Math.Abs(low) * 0.01), high + 0.5 * Math.Max(1e-6, Math.Abs(high) * 0.01));
        var rough = (high - low) / Math.Max(1, target - 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= rough);
        var first = Math.Floor(low / step) * step;
        var last = Math.Ceiling(high / step) * step;
        var count = (int)Math.Round((last - first) / step) + 1;
        return new AxisTicks(Enumerable.Range(0, count).Select(i => first + i * step).ToArray(), step);
    }

    /// <summary>A tick value with as many decimals as the step needs, and no more.</summary>
    public string Format(double value)
    {
        if (Math.Abs(value) < Step * 1e-9)
            value = 0;
        if (Math.Max(Math.Abs(Minimum), Math.Abs(Maximum)) >= 1e6 || Step < 1e-4)
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
