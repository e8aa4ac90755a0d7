using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Framework.Tests.Shared;

/// <summary>Reads a plugin section of an experiment file into an options object by the host's rules: snake_case keys,
/// snake_case enum names, numbers, strings and lists; an unknown key or value is an error.</summary>
/// <remarks>One file, linked into every plugin test project that checks its shipped experiment files.</remarks>
internal static class ExperimentFile
{
    /// <summary>The repository's experiments folder, found upwards from the test assembly.</summary>
    public static string Folder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "experiments");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
                    return candidate;
            }

            throw new DirectoryNotFoundException("No experiments folder above the test assembly.");
        }
    }

    /// <summary>The section <paramref name="section"/> of <paramref name="file"/>: its plugin name and its options bound onto a new <typeparamref name="TOptions"/>.</summary>
    public static (string Plugin, TOptions Options) Section<TOptions>(string file, string section) where TOptions : new()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var node = (YamlMappingNode)root.Children[new YamlScalarNode(section)];
        var options = new TOptions();
        var plugin = "";
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (key == "plugin")
            {
                plugin = ((YamlScalarNode)valueNode).Value!;
                continue;
            }

            var property = typeof(TOptions).GetProperty(ToPascalCase(key), BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidDataException($"{file}: {section}.{key} is not an option of {typeof(TOptions).Name}.");
            property.SetValue(options, Convert(valueNode, property.PropertyType, $"{file}: {section}.{key}"));
        }

        return (plugin, options);
    }

    /// <summary>The scalar at a dotted path of <paramref name="file"/> (<c>training.optimizers.generator.lr</c>), or null.</summary>
    public static string? Value(string file, string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
            stream.Load(reader);
        YamlNode node = stream.Documents[0].RootNode;
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
                return null;
            node = child;
        }

        return (node as YamlScalarNode)?.Value;
    }

    /// <summary>The values of the sequence at a dotted path (a sweep's axis).</summary>
    public static IReadOnlyList<string> Values(string file, string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
            stream.Load(reader);
        YamlNode node = stream.Documents[0].RootNode;
        var keys = path.Split('.');
        for (var i = 0; i < keys.Length; i++)
        {
            var mapping = (YamlMappingNode)node;
            // A sweep axis is one key with dots in it (dataset.temperature): take the rest of the path whole when it matches.
            var rest = string.Join('.', keys[i..]);
            if (mapping.Children.TryGetValue(new YamlScalarNode(rest), out var whole))
                return ((YamlSequenceNode)whole).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
            node = mapping.Children[new YamlScalarNode(keys[i])];
        }

        return ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
    }

    private static object Convert(YamlNode node, Type type, string where)
    {
        if (type.IsArray)
        {
            var items = ((YamlSequenceNode)node).Children.Select(child => Convert(child, type.GetElementType()!, where)).ToArray();
            var array = Array.CreateInstance(type.GetElementType()!, items.Length);
            items.CopyTo(array, 0);
            return array;
        }

        var text = ((YamlScalarNode)node).Value!;
        if (type.IsEnum)
        {
            return Enum.GetNames(type).Where(name => ToSnakeCase(name) == text).Select(name => Enum.Parse(type, name)).SingleOrDefault()
                ?? throw new InvalidDataException($"{where}: '{text}' is not one of {string.Join(", ", Enum.GetNames(type).Select(ToSnakeCase))}.");
        }

        return type == typeof(string) ? text : System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
    }

    private static string ToPascalCase(string key) => string.Concat(key.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
