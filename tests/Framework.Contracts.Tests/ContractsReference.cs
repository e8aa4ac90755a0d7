using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Framework.Contracts.Tests;

/// <summary>Writes the contracts reference (docs/contracts-reference.md) from the contracts' XML documentation: every
/// public type with its members, summaries, obligations and examples, as a plugin author reads them.</summary>
internal static partial class ContractsReference
{
    public static string Generate(Assembly assembly, XDocument documentation)
    {
        var docs = documentation.Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, m => m);
        var text = new StringBuilder();
        text.AppendLine("# Framework.Contracts reference");
        text.AppendLine();
        text.AppendLine($"Contracts {ContractsInfo.Version}: what a plugin builds against. Generated from the contracts' XML documentation by");
        text.AppendLine("`tests/Framework.Contracts.Tests` (ContractsReferenceTests), which fails when this file is out of date. The guide:");
        text.AppendLine("[Writing a model plugin](writing-a-model-plugin.md).");
        foreach (var group in assembly.GetExportedTypes().OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
                     .GroupBy(t => t.Namespace))
        {
            text.AppendLine().AppendLine($"## {group.Key}");
            foreach (var type in group)
                WriteType(text, type, docs);
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void WriteType(StringBuilder text, Type type, Dictionary<string, XElement> docs)
    {
        text.AppendLine().AppendLine($"### {TypeName(type)}").AppendLine();
        text.AppendLine($"`{Kind(type)} {TypeName(type)}`" + (BaseList(type) is { Length: > 0 } bases ? $" : {bases}" : ""));
        WriteDoc(text, docs.GetValueOrDefault("T:" + type.FullName));
        var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not MethodInfo { IsSpecialName: true } && m is not ConstructorInfo { IsStatic: true } && !IsRecordPlumbing(m, type))
            .OrderBy(m => m.MemberType).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        foreach (var member in members)
        {
            var id = DocumentationId(member);
            var doc = id is null ? null : docs.GetValueOrDefault(id);
            if (doc is null && member is FieldInfo { IsLiteral: false } or MethodInfo { IsVirtual: true, IsAbstract: false } && type.IsEnum)
                continue;
            text.AppendLine().AppendLine($"- `{Signature(member)}`");
            if (doc is not null)
                WriteDoc(text, doc, indent: "  ");
        }
    }

    private static void WriteDoc(StringBuilder text, XElement? doc, string indent = "")
    {
        if (doc is null)
            return;
        void Block(string? label, XElement? element)
        {
            if (element is null)
                return;
            var body = Render(element).Trim();
            if (body.Length == 0)
                return;
            text.AppendLine();
            foreach (var line in ((label is null ? "" : $"*{label}* ") + body).Split('\n'))
                text.AppendLine(line.Length == 0 ? "" : indent + line);
        }

        Block(null, doc.Element("summary"));
        foreach (var parameter in doc.Elements("param"))
            Block($"{(string)parameter.Attribute("name")!}:", parameter);
        Block("Returns:", doc.Element("returns"));
        Block("Remarks:", doc.Element("remarks"));
        Block("Example:", doc.Element("example"));
    }

    /// <summary>The text of a documentation element as Markdown.</summary>
    private static string Render(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText plain:
                    text.Append(Space().Replace(plain.Value, " "));
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append('`').Append(Short((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "")).Append('`');
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append('`').Append((string)reference.Attribute("name")!).Append('`');
                    break;
                case XElement { Name.LocalName: "c" } code:
                    text.Append('`').Append(code.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "code" } block:
                    text.Append("\n\n```csharp\n").Append(Dedent(block.Value)).Append("\n```\n\n");
                    break;
                case XElement { Name.LocalName: "para" } paragraph:
                    text.Append("\n\n").Append(Render(paragraph).Trim()).Append("\n\n");
                    break;
                case XElement { Name.LocalName: "list" } list:
                    text.Append('\n');
                    foreach (var item in list.Elements("item"))
                        text.Append("\n- ").Append(Render(item.Element("description") ?? item).Trim());
                    text.Append("\n\n");
                    break;
                case XElement other:
                    text.Append(Render(other));
                    break;
            }
        }

        return Blank().Replace(text.ToString().Replace(" \n", "\n"), "\n\n");
    }

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r", "").Split('\n').SkipWhile(string.IsNullOrWhiteSpace).Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse().ToList();
        var margin = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= margin ? l[margin..] : l.TrimStart()));
    }

    /// <summary>A cross-reference as a reader wants it: a type's name, or Type.Member, without namespaces.</summary>
    private static string Short(string cref)
    {
        if (!cref.Contains(':'))
            return cref;
        var parts = cref[(cref.IndexOf(':') + 1)..].Split('(')[0].Split('`')[0].Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        _ when type.GetMethod("<Clone>$") is not null => "record",
        _ => "class",
    };

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(Enum) && b != typeof(ValueType))
            bases.Add(TypeName(b));
        bases.AddRange(type.GetInterfaces().Where(i => i.Namespace?.StartsWith("Framework", StringComparison.Ordinal) == true || i == typeof(IDisposable))
            .Where(i => type.BaseType?.GetInterfaces().Contains(i) != true).Select(TypeName));
        return string.Join(", ", bases);
    }

    private static bool IsRecordPlumbing(MemberInfo member, Type type) =>
        type.GetMethod("<Clone>$") is not null && member.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "<Clone>$" or "PrintMembers" or "EqualityContract";

    private static string Signature(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{TypeName(c.DeclaringType!).Split('<')[0]}({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{TypeName(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "")}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{TypeName(p.PropertyType)} {p.Name} {{ {(p.CanRead ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : "")}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.Name,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{TypeName(f.FieldType)} {f.Name}",
        _ => member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue?.ToString()?.ToLowerInvariant() ?? "null") : "")}"));

    private static string TypeName(Type type)
    {
        if (type.IsByRef)
            return TypeName(type.GetElementType()!);
        if (type.IsArray)
            return TypeName(type.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return TypeName(underlying) + "?";
        var name = type.Name.Split('`')[0];
        name = name switch
        {
            "String" => "string", "Int32" => "int", "Int64" => "long", "Double" => "double", "Boolean" => "bool", "Void" => "void",
            "Object" => "object", "Single" => "float", _ => type.DeclaringType is { } outer && outer.Name == "torch" ? "torch." + name : name,
        };
        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>" : name;
    }

    /// <summary>The XML documentation id of a member (C# compiler's format), or null for members the docs do not list.</summary>
    private static string? DocumentationId(MemberInfo member)
    {
        var owner = member.DeclaringType!.FullName!.Replace('+', '.');
        string Arguments(MethodBase method) => method.GetParameters().Length == 0 ? "" :
            "(" + string.Join(",", method.GetParameters().Select(p => IdType(p.ParameterType))) + ")";
        return member switch
        {
            ConstructorInfo c => $"M:{owner}.#ctor{Arguments(c)}",
            MethodInfo m => $"M:{owner}.{m.Name}{(m.IsGenericMethod ? "``" + m.GetGenericArguments().Length : "")}{Arguments(m)}",
            PropertyInfo p => $"P:{owner}.{p.Name}",
            FieldInfo f => $"F:{owner}.{f.Name}",
            _ => null,
        };
    }

    private static string IdType(Type type)
    {
        if (type.IsByRef)
            return IdType(type.GetElementType()!) + "@";
        if (type.IsArray)
            return IdType(type.GetElementType()!) + "[]";
        if (type.IsGenericParameter)
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        if (!type.IsGenericType)
            return type.FullName!.Replace('+', '.');
        var definition = type.GetGenericTypeDefinition().FullName!.Split('`')[0].Replace('+', '.');
        return $"{definition}{{{string.Join(",", type.GetGenericArguments().Select(IdType))}}}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex Blank();
}
