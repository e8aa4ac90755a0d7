using System.Collections.Immutable;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Framework.Options;

/// <summary>Reads one property of an options class into an <see cref="OptionDescriptor"/>, or says why it cannot be an option.</summary>
public static class OptionDescriptorReader
{
    private const string SupportedTypes =
        "bool, int, long, float, double, string, an enum, an array of int/long/float/double/string, " +
        "a nested options class, Dictionary<string, string>, or Dictionary<string, T> of an options class T";

    /// <summary>Reads a property's kind, default and attributes.</summary>
    /// <param name="property">The property.</param>
    /// <param name="defaultValue">Its value on a new instance of its class.</param>
    /// <param name="enclosing">The classes it sits in, its declaring class last (to catch a class that contains itself).</param>
    /// <param name="problem">Why it cannot be an option, naming the class, the property and the fix.</param>
    /// <returns>The descriptor, or null.</returns>
    public static OptionDescriptor? Read(PropertyInfo property, object? defaultValue, ImmutableList<Type> enclosing, out string? problem)
    {
        problem = null;
        var owner = $"{OptionNaming.FriendlyTypeName(property.DeclaringType!)}.{property.Name}";
        var type = property.PropertyType;
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;

        OptionKind kind;
        OptionKind? valueKind; // the kind that Range/AllowedValues/RegularExpression apply to
        OptionsSchema? group = null;
        if (OptionsSchema.ScalarKindOf(type) is { } scalar)
        {
            kind = scalar;
            valueKind = scalar;
        }
        else if (type.IsArray && type.GetArrayRank() == 1 && OptionsSchema.ScalarKindOf(type.GetElementType()!) is { } element and not OptionKind.Boolean and not OptionKind.Enum)
        {
            kind = OptionKind.Array;
            valueKind = element;
        }
        else if (type == typeof(Dictionary<string, string>))
        {
            kind = OptionKind.Map;
            valueKind = null;
        }
        else if (GroupType(type) is { } groupType)
        {
            // A nested options class, or a map of named groups of one (Dictionary<string, T>).
            if (enclosing.Contains(groupType))
            {
                problem = $"{owner} has type {OptionNaming.FriendlyTypeName(type)}, which contains itself; options must form a tree.";
                return null;
            }

            group = OptionsSchema.ForNested(groupType, enclosing, out var nestedError);
            if (group is null)
            {
                problem = $"{owner}: {nestedError}";
                return null;
            }

            kind = groupType == type ? OptionKind.Group : OptionKind.GroupMap;
            valueKind = null;
        }
        else
        {
            var hint = Nullable.GetUnderlyingType(type) is not null ? " (nullable types are not supported: give the property a default instead)" : "";
            problem = $"{owner} has type {OptionNaming.FriendlyTypeName(type)}, which experiment files cannot set{hint}; use {SupportedTypes}.";
            return null;
        }

        var isNumeric = valueKind is OptionKind.Int32 or OptionKind.Int64 or OptionKind.Single or OptionKind.Double;
        var isIntegral = valueKind is OptionKind.Int32 or OptionKind.Int64;

        OptionRange? range = null;
        if (property.GetCustomAttribute<RangeAttribute>() is { } rangeAttribute)
        {
            if (!isNumeric)
            {
                problem = $"{owner} has [Range] but holds {OptionNaming.FriendlyTypeName(type)}; [Range] applies to numbers and lists of numbers.";
                return null;
            }

            if (!OptionRange.TryFrom(rangeAttribute, isIntegral, out range))
            {
                problem = $"{owner} has a [Range] whose bounds are not numbers.";
                return null;
            }
        }

        IReadOnlyList<string>? allowed = null;
        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowedAttribute)
        {
            if (valueKind is null or OptionKind.Boolean)
            {
                problem = $"{owner} has [AllowedValues] but holds {OptionNaming.FriendlyTypeName(type)}; it applies to strings, numbers, enums and lists of them.";
                return null;
            }

            allowed = allowedAttribute.Values.Select(OptionValueText.Format).ToArray();
        }
        else if (kind == OptionKind.Enum)
        {
            allowed = Enum.GetNames(type).Select(OptionNaming.ToSnakeCase).ToArray();
        }

        var pattern = property.GetCustomAttribute<RegularExpressionAttribute>();
        if (pattern is not null && valueKind != OptionKind.String)
        {
            problem = $"{owner} has [RegularExpression] but holds {OptionNaming.FriendlyTypeName(type)}; it applies to strings and lists of strings.";
            return null;
        }

        return new OptionDescriptor(property, kind, defaultValue, description, range, allowed, pattern, group);
    }

    /// <summary>The options class of a group (the type itself) or of a map of groups (its values), or null.</summary>
    private static Type? GroupType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
            return IsOptionsClass(type.GetGenericArguments()[1]) ? type.GetGenericArguments()[1] : null;
        return IsOptionsClass(type) ? type : null;
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && !type.IsArray && type != typeof(string) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null
        && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
}
