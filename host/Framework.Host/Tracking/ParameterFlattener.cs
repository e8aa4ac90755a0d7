using System.Collections;
using System.Globalization;

namespace Framework.Host.Tracking;

/// <summary>Flattens a nested configuration (dictionaries, lists, scalars) into MLflow's dotted param keys.</summary>
/// <example><c>{model: {hidden: 64, layers: [8, 4]}}</c> becomes <c>model.hidden=64</c>, <c>model.layers.0=8</c>, <c>model.layers.1=4</c>.</example>
internal static class ParameterFlattener
{
    /// <summary>Flattens <paramref name="tree"/>; scalars are written with the invariant culture, null as an empty string.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(object? tree, string prefix = "")
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(result, prefix, tree);
        return result;
    }

    private static void Add(SortedDictionary<string, string> result, string key, object? value)
    {
        switch (value)
        {
            case null:
                result[key] = "";
                break;
            case string text:
                result[key] = text;
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Add(result, Join(key, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""), entry.Value);
                }

                break;
            case IEnumerable sequence:
                var index = 0;
                foreach (var item in sequence)
                {
                    Add(result, Join(key, index.ToString(CultureInfo.InvariantCulture)), item);
                    index++;
                }

                break;
            case bool flag:
                result[key] = flag ? "true" : "false";
                break;
            case double number:
                result[key] = number.ToString("R", CultureInfo.InvariantCulture);
                break;
            case float number:
                result[key] = number.ToString("R", CultureInfo.InvariantCulture);
                break;
            case IFormattable formattable:
                result[key] = formattable.ToString(null, CultureInfo.InvariantCulture);
                break;
            default:
                result[key] = value.ToString() ?? "";
                break;
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + "." + key;
}
