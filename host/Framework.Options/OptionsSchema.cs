using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Framework.Contracts;

namespace Framework.Options;

/// <summary>
/// The options of an options class, read by reflection: the schema that experiment files are validated against and
/// that <c>plugins describe</c> and the editors' JSON Schema show.
/// </summary>
/// <remarks>
/// Public instance properties with public getters and setters become options, in declaration order (base class
/// first). A property's value on <c>new T()</c> is its default. Schemas are built once per type and cached.
/// </remarks>
public sealed class OptionsSchema
{
    /// <summary>The key that selects the plugin in <c>model</c> and <c>dataset</c>; plugin options may not use it.</summary>
    public const string PluginKey = "plugin";

    private static readonly ConcurrentDictionary<Type, Outcome> Cache = new();

    private readonly ConstructorInfo _constructor;
    private readonly Dictionary<string, OptionDescriptor> _byKey;

    private OptionsSchema(Type optionsType, ConstructorInfo constructor, IReadOnlyList<OptionDescriptor> options)
    {
        OptionsType = optionsType;
        _constructor = constructor;
        Options = options;
        _byKey = options.ToDictionary(o => o.Key, StringComparer.Ordinal);
        Retired = optionsType.GetCustomAttributes<RetiredOptionAttribute>(inherit: true)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Keys the class no longer has, with what replaced them (<see cref="RetiredOptionAttribute"/>).</summary>
    public IReadOnlyDictionary<string, RetiredOptionAttribute> Retired { get; }

    /// <summary>The options class.</summary>
    public Type OptionsType { get; }

    /// <summary>The options in declaration order.</summary>
    public IReadOnlyList<OptionDescriptor> Options { get; }

    /// <summary>The keys in declaration order.</summary>
    public IEnumerable<string> Keys => Options.Select(o => o.Key);

    /// <summary>Finds an option by its snake_case key (exact match).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The option, or null.</returns>
    public OptionDescriptor? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>A new instance holding every default (<c>new T()</c>).</summary>
    /// <returns>The instance.</returns>
    public object CreateDefault() => _constructor.Invoke(null);

    /// <summary>Builds (or returns the cached) schema of an options class.</summary>
    /// <param name="type">The options class.</param>
    /// <param name="schema">The schema when the class is usable.</param>
    /// <param name="error">Otherwise what is wrong with it and how to fix it, naming the class and property.</param>
    /// <returns>True when the class is usable as options.</returns>
    public static bool TryCreate(Type type, [NotNullWhen(true)] out OptionsSchema? schema, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(type);
        var outcome = Cache.GetOrAdd(type, t => Build(t, []));
        schema = outcome.Schema;
        error = outcome.Error;
        return schema is not null;
    }

    /// <summary>
    /// Builds the schema of a plugin's options class; also rejects an option named <c>plugin</c>, which would collide
    /// with the key that selects the plugin. The plugin loader calls this to reject unusable plugins.
    /// </summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="schema">The schema when usable.</param>
    /// <param name="error">Otherwise what is wrong, naming the plugin.</param>
    /// <returns>True when the plugin's options are usable.</returns>
    public static bool TryCreateForPlugin(IPlugin plugin, [NotNullWhen(true)] out OptionsSchema? schema, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.OptionsType is null)
        {
            schema = null;
            error = $"Plugin '{plugin.Name}' has no options type (OptionsType is null).";
            return false;
        }

        if (!TryCreate(plugin.OptionsType, out schema, out error))
        {
            error = $"Plugin '{plugin.Name}': {error}";
            return false;
        }

        if (schema.Find(PluginKey) is { } clash)
        {
            error = $"Plugin '{plugin.Name}': {plugin.OptionsType.Name}.{clash.Property.Name} would be the key '{PluginKey}', " +
                    "which selects the plugin in experiment files; rename the property.";
            schema = null;
            return false;
        }

        return true;
    }

    /// <summary>The schema of a class known to be valid (the host's own settings classes).</summary>
    /// <param name="type">The options class.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="InvalidOperationException">When the class is not a valid options class.</exception>
    public static OptionsSchema For(Type type) =>
        TryCreate(type, out var schema, out var error) ? schema : throw new InvalidOperationException(error);

    /// <summary>The schema of a class known to be valid.</summary>
    /// <typeparam name="T">The options class.</typeparam>
    /// <returns>The schema.</returns>
    public static OptionsSchema For<T>() => For(typeof(T));

    /// <summary>The option kind of a scalar type, or null when it is not a scalar an experiment file can hold.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The kind.</returns>
    internal static OptionKind? ScalarKindOf(Type type)
    {
        if (type.IsEnum)
            return OptionKind.Enum;
        if (type == typeof(bool))
            return OptionKind.Boolean;
        if (type == typeof(int))
            return OptionKind.Int32;
        if (type == typeof(long))
            return OptionKind.Int64;
        if (type == typeof(float))
            return OptionKind.Single;
        if (type == typeof(double))
            return OptionKind.Double;
        if (type == typeof(string))
            return OptionKind.String;
        return null;
    }

    /// <summary>The schema of a nested options class, built with the classes that enclose it (to catch cycles).</summary>
    /// <param name="type">The nested class.</param>
    /// <param name="enclosing">The classes it sits in, outermost first.</param>
    /// <param name="error">What is wrong with it, when it cannot hold options.</param>
    /// <returns>The schema, or null.</returns>
    internal static OptionsSchema? ForNested(Type type, ImmutableList<Type> enclosing, out string? error)
    {
        var outcome = Cache.TryGetValue(type, out var cached) ? cached : Build(type, enclosing);
        if (outcome.Schema is not null)
            Cache.TryAdd(type, outcome);
        error = outcome.Error;
        return outcome.Schema;
    }

    private static Outcome Build(Type type, ImmutableList<Type> enclosing)
    {
        var name = OptionNaming.FriendlyTypeName(type);
        if (!type.IsClass || type.IsAbstract || type == typeof(string) || type.IsArray)
            return Outcome.Failed($"{name} cannot hold options: it must be a concrete class with settable properties.");
        var constructor = type.GetConstructor(Type.EmptyTypes);
        if (constructor is null)
            return Outcome.Failed(
                $"{name} has no public parameterless constructor; add one, because the host reads the defaults from new {name}().");

        object defaults;
        try
        {
            defaults = constructor.Invoke(null);
        }
        catch (TargetInvocationException e)
        {
            return Outcome.Failed($"new {name}() threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
        }

        var options = new List<OptionDescriptor>();
        var problems = new List<string>();
        var inside = enclosing.Add(type);
        foreach (var property in SettableProperties(type))
        {
            object? defaultValue;
            try
            {
                defaultValue = property.GetValue(defaults);
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"reading {name}.{property.Name} of new {name}() threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                continue;
            }

            var descriptor = OptionDescriptorReader.Read(property, defaultValue, inside, out var problem);
            if (descriptor is null)
                problems.Add(problem!);
            else if (options.FirstOrDefault(o => o.Key == descriptor.Key) is { } twin)
                problems.Add($"{name}.{property.Name} and {name}.{twin.Property.Name} would both be the key '{descriptor.Key}'; rename one.");
            else
                options.Add(descriptor);
        }

        return problems.Count > 0
            ? Outcome.Failed(string.Join(" ", problems))
            : new Outcome(new OptionsSchema(type, constructor, options), null);
    }

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod?.IsPublic == true && p.SetMethod?.IsPublic == true)
            .OrderBy(p => InheritanceDepth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken);

    private static int InheritanceDepth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            depth++;
        return depth;
    }

    private sealed record Outcome(OptionsSchema? Schema, string? Error)
    {
        public static Outcome Failed(string error) => new(null, error);
    }
}
