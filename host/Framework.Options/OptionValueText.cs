using System.Collections;
using System.Globalization;

namespace Framework.Options;

/// <summary>
/// Writes option values as invariant text: the form of MLflow parameters, <c>plugins describe</c> and the values
/// compared against <see cref="System.ComponentModel.DataAnnotations.AllowedValuesAttribute"/>.
/// </summary>
public static class OptionValueText
{
    /// <summary>
    /// Formats a value: booleans lower-case, numbers with invariant culture and round-trip precision, enums as their
    /// snake_case names, arrays as <c>[1, 2]</c>, null as an empty string.
    /// </summary>
    /// <param name="value">A value of a supported option type.</param>
    /// <returns>The text.</returns>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        float f => FormatSingle(f),
        double d => FormatDouble(d),
        Enum e => OptionNaming.ToSnakeCase(e.ToString()),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A double in the shortest form that reads back to the same value ("R").</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, such as <c>0.001</c> or <c>1E-08</c>.</returns>
    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A float in the shortest form that reads back to the same float (so 0.1f prints as 0.1).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatSingle(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
