using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Framework.Options;

/// <summary>The closed, open or half-open interval of a <see cref="RangeAttribute"/>.</summary>
/// <param name="Minimum">The lower bound.</param>
/// <param name="Maximum">The upper bound.</param>
/// <param name="MinimumIsExclusive">Whether the lower bound itself is outside the range.</param>
/// <param name="MaximumIsExclusive">Whether the upper bound itself is outside the range.</param>
/// <param name="IsIntegral">Whether the option holds integers, so bounds print without a fraction.</param>
public sealed record OptionRange(double Minimum, double Maximum, bool MinimumIsExclusive, bool MaximumIsExclusive, bool IsIntegral)
{
    /// <summary>Reads a range attribute whose bounds are numbers (or numeric strings with an operand type).</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="isIntegral">Whether the option holds integers.</param>
    /// <param name="range">The range, when the bounds are numeric.</param>
    /// <returns>False when a bound is not a number (a date range, say), which options cannot use.</returns>
    public static bool TryFrom(RangeAttribute attribute, bool isIntegral, out OptionRange? range)
    {
        range = null;
        if (!TryToDouble(attribute.Minimum, out var min) || !TryToDouble(attribute.Maximum, out var max))
            return false;
        range = new OptionRange(min, max, attribute.MinimumIsExclusive, attribute.MaximumIsExclusive, isIntegral);
        return true;
    }

    /// <summary>Whether <paramref name="value"/> lies in the range; NaN never does.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when inside.</returns>
    public bool Contains(double value) =>
        (MinimumIsExclusive ? value > Minimum : value >= Minimum) &&
        (MaximumIsExclusive ? value < Maximum : value <= Maximum);

    /// <summary>The lower bound as written in messages.</summary>
    public string MinimumText => FormatBound(Minimum);

    /// <summary>The upper bound as written in messages.</summary>
    public string MaximumText => FormatBound(Maximum);

    /// <summary>
    /// The requirement in words, for error messages: <c>between 1 and 1000000</c>, <c>greater than 0 and at most 10</c>.
    /// </summary>
    public string Requirement => (MinimumIsExclusive, MaximumIsExclusive) switch
    {
        (false, false) => $"between {MinimumText} and {MaximumText}",
        (true, false) => $"greater than {MinimumText} and at most {MaximumText}",
        (false, true) => $"at least {MinimumText} and less than {MaximumText}",
        (true, true) => $"greater than {MinimumText} and less than {MaximumText}",
    };

    /// <summary>The interval in mathematical notation, for tables: <c>[1, 1000000]</c>, <c>(0, 10]</c>.</summary>
    public string Interval => $"{(MinimumIsExclusive ? '(' : '[')}{MinimumText}, {MaximumText}{(MaximumIsExclusive ? ')' : ']')}";

    /// <summary>A bound as an integer where the option is integral and the bound is whole (so <c>long.MaxValue</c> prints exactly).</summary>
    /// <param name="bound">The bound.</param>
    /// <returns>The bound as JSON-friendly number: a long or a double.</returns>
    public object BoundAsNumber(double bound)
    {
        if (IsIntegral && Math.Floor(bound) == bound)
        {
            // (long)9.2233720368547758E18 overflows; long.MaxValue is what [Range(0, long.MaxValue)] meant.
            if (bound >= long.MaxValue)
                return long.MaxValue;
            if (bound <= long.MinValue)
                return long.MinValue;
            return (long)bound;
        }

        return bound;
    }

    private string FormatBound(double bound) => BoundAsNumber(bound) switch
    {
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        double real => OptionValueText.FormatDouble(real),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool TryToDouble(object? bound, out double value)
    {
        value = 0;
        switch (bound)
        {
            case double d:
                value = d;
                return true;
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case float f:
                value = f;
                return true;
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case IConvertible convertible when bound is not DateTime and not bool:
                try
                {
                    value = convertible.ToDouble(CultureInfo.InvariantCulture);
                    return true;
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                {
                    return false;
                }

            default:
                return false;
        }
    }
}
