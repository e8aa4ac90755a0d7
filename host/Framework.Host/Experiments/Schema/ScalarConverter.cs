using Framework.Options;
using System.Globalization;
using System.Text.RegularExpressions;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments.Schema;

/// <summary>Turns YAML scalars into typed option values, by the YAML 1.2 core schema and the option's type.</summary>
/// <remarks>
/// A quoted scalar is always a string, so <c>"3"</c> is not an integer. Booleans are <c>true</c> and <c>false</c>
/// only (not YAML 1.1's yes/no/on/off, which silently turn a country code like <c>no</c> into false). A whole number
/// written as a float (<c>1e3</c>, <c>10.0</c>) is accepted for an integer; a fraction is not.
/// </remarks>
internal static partial class ScalarConverter
{
    /// <summary>Converts a node to a value of <paramref name="kind"/>.</summary>
    /// <param name="node">The node (a mapping or list is an error).</param>
    /// <param name="kind">The scalar kind wanted (the element kind for lists).</param>
    /// <param name="option">The option, for enum members.</param>
    /// <param name="value">The value.</param>
    /// <param name="problem">What is wrong, without the key (the caller adds it).</param>
    /// <returns>True when converted.</returns>
    public static bool TryConvert(ConfigNode node, OptionKind kind, OptionDescriptor option, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        if (node is not ConfigScalar scalar)
        {
            problem = $"expected {Expectation(kind, option)}, got {node.Describe()}";
            return false;
        }

        switch (kind)
        {
            case OptionKind.String:
                value = scalar.IsNull ? "" : scalar.Value;
                return true;
            case OptionKind.Boolean when scalar.IsPlain && scalar.Value is "true" or "True" or "TRUE":
                value = true;
                return true;
            case OptionKind.Boolean when scalar.IsPlain && scalar.Value is "false" or "False" or "FALSE":
                value = false;
                return true;
            case OptionKind.Int32 or OptionKind.Int64 when scalar.IsPlain && !scalar.IsNull:
                return TryInteger(scalar.Value, kind, out value, out problem);
            case OptionKind.Single or OptionKind.Double when scalar.IsPlain && TryDouble(scalar.Value, out var number):
                if (kind == OptionKind.Double)
                {
                    value = number;
                    return true;
                }

                var single = (float)number;
                if (float.IsInfinity(single) && !double.IsInfinity(number))
                {
                    problem = $"{scalar.Value} is too large for a 32-bit float (at most {float.MaxValue.ToString("R", CultureInfo.InvariantCulture)})";
                    return false;
                }

                value = single;
                return true;
            case OptionKind.Enum when !scalar.IsNull:
                if (option.TryParseEnum(scalar.Value, out value))
                    return true;
                var suggestion = KeySuggestions.Suggest(scalar.Value, option.AllowedValues ?? []);
                problem = $"'{scalar.Value}' is not allowed; allowed: {string.Join(", ", option.AllowedValues ?? [])}" +
                          (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
                return false;
        }

        problem = $"expected {Expectation(kind, option)}, got {scalar.Describe()}";
        return false;
    }

    /// <summary>What a value of <paramref name="kind"/> looks like, for "expected ..." messages.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="option">The option, for enum members.</param>
    /// <returns>For example <c>an integer</c>.</returns>
    public static string Expectation(OptionKind kind, OptionDescriptor option) => kind switch
    {
        OptionKind.Boolean => "true or false",
        OptionKind.Int32 or OptionKind.Int64 => "an integer",
        OptionKind.Single or OptionKind.Double => "a number",
        OptionKind.Enum => $"one of {string.Join(", ", option.AllowedValues ?? [])}",
        _ => "a string",
    };

    private static bool TryInteger(string text, OptionKind kind, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        var (min, max) = kind == OptionKind.Int32 ? ((long)int.MinValue, (long)int.MaxValue) : (long.MinValue, long.MaxValue);
        if (IntegerPattern().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= min && whole <= max)
            {
                value = kind == OptionKind.Int32 ? (object)(int)whole : whole;
                return true;
            }

            problem = string.Create(CultureInfo.InvariantCulture, $"{text} does not fit in a {(kind == OptionKind.Int32 ? 32 : 64)}-bit integer ({min} to {max})");
            return false;
        }

        if (TryDouble(text, out var number))
        {
            // 1e3 and 10.0 are whole numbers written as floats; accept them where they fit exactly.
            if (double.IsFinite(number) && Math.Floor(number) == number && number >= min && number < 9.2233720368547758E18 && number <= max)
            {
                value = kind == OptionKind.Int32 ? (object)(int)number : (long)number;
                return true;
            }

            problem = $"expected an integer, got {text}";
            return false;
        }

        problem = $"expected an integer, got '{text}'";
        return false;
    }

    private static bool TryDouble(string text, out double value)
    {
        value = 0;
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
        }

        return (IntegerPattern().IsMatch(text) || FloatPattern().IsMatch(text))
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
