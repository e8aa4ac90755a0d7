using System.Text;

namespace Framework.Options;

/// <summary>Turns .NET member names into the snake_case keys and values that experiment files use.</summary>
public static class OptionNaming
{
    /// <summary>
    /// <c>BatchSize</c> becomes <c>batch_size</c>, <c>CdK</c> <c>cd_k</c>, <c>HTTPServer</c> <c>http_server</c>,
    /// <c>Beta1</c> <c>beta1</c> and <c>Conv2dFilters</c> <c>conv2d_filters</c>.
    /// </summary>
    /// <param name="name">A PascalCase member name.</param>
    /// <returns>The lower-case name with words separated by underscores.</returns>
    public static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A new word starts after a lower-case letter or digit, and at the last capital of an acronym
                // that a lower-case word follows (the 'S' of "HTTPServer").
                var afterWord = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterWord || endsAcronym)
                    result.Append('_');
                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>A type's name as C# writes it (<c>List&lt;int&gt;</c>, <c>int?</c>), for messages.</summary>
    /// <param name="type">The type.</param>
    /// <returns>A short, readable name.</returns>
    public static string FriendlyTypeName(Type type)
    {
        if (type.IsEnum)
            return type.Name;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return FriendlyTypeName(underlying) + "?";
        if (type.IsArray)
            return FriendlyTypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyTypeName))}>";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.String => "string",
            TypeCode.Decimal => "decimal",
            TypeCode.Byte => "byte",
            TypeCode.Int16 => "short",
            TypeCode.UInt32 => "uint",
            TypeCode.UInt64 => "ulong",
            _ => type.Name,
        };
    }
}
