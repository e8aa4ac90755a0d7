using System.Text;
using System.Text.RegularExpressions;
using Framework.Host.Experiments.Schema;
using Framework.Options;

namespace Framework.Host.Experiments.Yaml;

/// <summary>Writes values as YAML scalars that read back as the same value and type.</summary>
internal static partial class YamlScalarText
{
    /// <summary>
    /// A value as YAML: strings plain when that is unambiguous and double-quoted otherwise, numbers with round-trip
    /// precision (<c>.inf</c>, <c>.nan</c> for the special values), booleans lower-case, enums as snake_case names,
    /// arrays in flow style.
    /// </summary>
    /// <param name="value">A value of a supported option type.</param>
    /// <returns>The YAML text.</returns>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        float f => Number(f),
        double d => Number(d),
        Array items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => OptionValueText.Format(value),
    };

    /// <summary>A string, quoted only when YAML would read it plain as something else (a number, a boolean, a key).</summary>
    /// <param name="text">The string.</param>
    /// <returns>The YAML text.</returns>
    public static string String(string text)
    {
        if (PlainSafe().IsMatch(text) && !text.EndsWith(':') && !ReservedWord().IsMatch(text))
            return text;

        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? ".nan" : double.IsPositiveInfinity(value) ? ".inf" : double.IsNegativeInfinity(value) ? "-.inf" : OptionValueText.FormatDouble(value);

    private static string Number(float value) =>
        float.IsNaN(value) ? ".nan" : float.IsPositiveInfinity(value) ? ".inf" : float.IsNegativeInfinity(value) ? "-.inf" : OptionValueText.FormatSingle(value);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_./:-]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex("^(true|false|null|yes|no|on|off|y|n)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReservedWord();
}
