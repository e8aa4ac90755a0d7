using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Framework.Options;

/// <summary>One option of an options class: its key, type, default and constraints, read from the property.</summary>
public sealed class OptionDescriptor
{
    private readonly HashSet<string>? _allowed;
    private readonly IReadOnlyDictionary<string, object>? _enumMembers;

    /// <summary>Creates a descriptor; <see cref="OptionsSchema"/> does this by reflection.</summary>
    /// <param name="property">The property.</param>
    /// <param name="kind">The kind of value.</param>
    /// <param name="defaultValue">The property's value on a new instance of its class.</param>
    /// <param name="description">Help text, or null.</param>
    /// <param name="range">The allowed interval of numbers (of each element for lists), or null.</param>
    /// <param name="allowedValues">The allowed values as invariant text (enum names for enums), or null.</param>
    /// <param name="pattern">The pattern strings must match (each element for lists), or null.</param>
    /// <param name="group">The schema of a nested options class, or null.</param>
    public OptionDescriptor(
        PropertyInfo property,
        OptionKind kind,
        object? defaultValue,
        string? description,
        OptionRange? range,
        IReadOnlyList<string>? allowedValues,
        RegularExpressionAttribute? pattern,
        OptionsSchema? group)
    {
        Property = property;
        Key = OptionNaming.ToSnakeCase(property.Name);
        Kind = kind;
        Default = defaultValue;
        Description = description;
        Range = range;
        AllowedValues = allowedValues;
        PatternAttribute = pattern;
        Group = group;
        ElementType = kind == OptionKind.Array ? property.PropertyType.GetElementType() : null;
        ElementKind = ElementType is null ? null : OptionsSchema.ScalarKindOf(ElementType);
        if (allowedValues is not null)
            _allowed = new HashSet<string>(allowedValues, StringComparer.Ordinal);
        if (kind == OptionKind.Enum)
            _enumMembers = EnumMembersByName(property.PropertyType);
    }

    /// <summary>The YAML key: the property name in snake_case.</summary>
    public string Key { get; }

    /// <summary>The property that holds the value.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The kind of value.</summary>
    public OptionKind Kind { get; }

    /// <summary>For lists, the kind of each element (never a list, group or map).</summary>
    public OptionKind? ElementKind { get; }

    /// <summary>For lists, the element type.</summary>
    public Type? ElementType { get; }

    /// <summary>The value on a new instance of the declaring class.</summary>
    public object? Default { get; }

    /// <summary>The <see cref="System.ComponentModel.DescriptionAttribute"/> text, or null.</summary>
    public string? Description { get; }

    /// <summary>The allowed interval of numbers (of each element of a list), or null.</summary>
    public OptionRange? Range { get; }

    /// <summary>The allowed values as written in files (snake_case names for enums), or null for any value.</summary>
    public IReadOnlyList<string>? AllowedValues { get; }

    /// <summary>The regular expression strings must match, or null.</summary>
    public RegularExpressionAttribute? PatternAttribute { get; }

    /// <summary>The pattern, or null.</summary>
    public string? Pattern => PatternAttribute?.Pattern;

    /// <summary>What the pattern means, from the attribute's <c>ErrorMessage</c>, or null.</summary>
    public string? PatternMessage => PatternAttribute?.ErrorMessage is null ? null : PatternAttribute.FormatErrorMessage(Key);

    /// <summary>The schema of a group's options class (for a map of groups: of each value), or null.</summary>
    public OptionsSchema? Group { get; }

    /// <summary>The type in words, as messages and <c>plugins describe</c> say it.</summary>
    public string TypeName => Kind switch
    {
        OptionKind.Array => "list of " + Plural(ElementKind!.Value),
        OptionKind.Group => "group",
        OptionKind.Map => "map of strings",
        OptionKind.GroupMap => "map of groups",
        _ => Singular(Kind),
    };

    /// <summary>The option's value on <paramref name="options"/>.</summary>
    /// <param name="options">An instance of the declaring class.</param>
    /// <returns>The value.</returns>
    public object? GetValue(object options) => Property.GetValue(options);

    /// <summary>Sets the option on <paramref name="options"/>.</summary>
    /// <param name="options">An instance of the declaring class.</param>
    /// <param name="value">A value of the property's type.</param>
    public void SetValue(object options, object? value) => Property.SetValue(options, value);

    /// <summary>Finds an enum member by its snake_case or .NET name, ignoring case.</summary>
    /// <param name="text">The name as written.</param>
    /// <param name="member">The member.</param>
    /// <returns>True when found.</returns>
    public bool TryParseEnum(string text, out object? member)
    {
        member = null;
        return _enumMembers is not null && _enumMembers.TryGetValue(text, out member);
    }

    /// <summary>
    /// Checks a single value (or one list element) against the range, allowed values and pattern.
    /// </summary>
    /// <param name="value">A converted value.</param>
    /// <returns>What is wrong, without the key (the caller adds it), or null when it is fine.</returns>
    public string? Violation(object value)
    {
        var text = OptionValueText.Format(value);
        if (Range is not null && ToDouble(value) is { } number && !Range.Contains(number))
            return $"must be {Range.Requirement}, got {text}";
        if (_allowed is not null && !_allowed.Contains(text))
        {
            var suggestion = KeySuggestions.Suggest(text, AllowedValues!);
            return $"'{text}' is not allowed; allowed: {string.Join(", ", AllowedValues!)}" +
                   (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        }

        if (PatternAttribute is not null && value is string s && !PatternAttribute.IsValid(s))
            return PatternMessage is { } meaning
                ? $"'{s}' is not valid: {meaning}"
                : $"'{s}' does not match the pattern {Pattern}";
        return null;
    }

    private static double? ToDouble(object value) => value switch
    {
        int i => i,
        long l => l,
        float f => f,
        double d => d,
        _ => null,
    };

    private static string Singular(OptionKind kind) => kind switch
    {
        OptionKind.Boolean => "boolean",
        OptionKind.Int32 or OptionKind.Int64 => "integer",
        OptionKind.Single or OptionKind.Double => "number",
        OptionKind.Enum => "choice",
        _ => "string",
    };

    private static string Plural(OptionKind kind) => kind switch
    {
        OptionKind.Int32 or OptionKind.Int64 => "integers",
        OptionKind.Single or OptionKind.Double => "numbers",
        _ => "strings",
    };

    private static Dictionary<string, object> EnumMembersByName(Type enumType)
    {
        var members = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Enum.GetNames(enumType))
        {
            var value = Enum.Parse(enumType, name);
            members.TryAdd(OptionNaming.ToSnakeCase(name), value);
            members.TryAdd(name, value);
        }

        return members;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key} ({TypeName})");
}
