using Framework.Options;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments.Schema;

/// <summary>Fills an options instance from a configuration mapping, checking every value against its schema.</summary>
/// <remarks>
/// Never stops at the first problem: each bad key or value is reported where it was written, and the remaining
/// keys are still checked. Values that fail keep their defaults, so the instance is only meaningful without errors.
/// </remarks>
/// <param name="errors">Receives every problem.</param>
internal sealed class OptionsBinder(ConfigErrorCollector errors)
{
    /// <summary>The longest key list that unknown-key messages spell out in full.</summary>
    private const int MaxListedKeys = 20;

    /// <summary>Binds a section's value: a mapping, or an empty value meaning "all defaults".</summary>
    /// <param name="node">The section's value.</param>
    /// <param name="schema">The options schema.</param>
    /// <param name="target">The instance to fill (holding the defaults).</param>
    /// <param name="path">The dotted path of the section, for messages (<c>training</c>).</param>
    /// <param name="label">How messages name the section (<c>model (plugin 'rbm')</c>); the path when null.</param>
    /// <param name="reservedKeys">Keys that belong to the caller (<c>plugin</c>): skipped here, but offered in suggestions.</param>
    public void Bind(ConfigNode node, OptionsSchema schema, object target, string path, string? label = null, IReadOnlyCollection<string>? reservedKeys = null)
    {
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                return;
            case ConfigMapping mapping:
                BindMapping(mapping, schema, target, path, label ?? path, reservedKeys ?? []);
                return;
            default:
                errors.Add(node.Location, $"{path}: expected a mapping of options ({KeyList(schema.Keys)}), got {node.Describe()}");
                return;
        }
    }

    private void BindMapping(ConfigMapping mapping, OptionsSchema schema, object target, string path, string label, IReadOnlyCollection<string> reservedKeys)
    {
        foreach (var entry in mapping.Entries)
        {
            if (reservedKeys.Contains(entry.Name))
                continue;
            var option = schema.Find(entry.Name);
            if (option is null && schema.Retired.TryGetValue(entry.Name, out var retired))
            {
                errors.Add(entry.Key.Location, $"{path}.{entry.Name}: '{entry.Name}' is no longer an option of {label}; write {retired.Replacement} instead" +
                                               (retired.Note is null ? "" : $" ({retired.Note})"));
                continue;
            }

            if (option is null)
            {
                errors.Add(entry.Key.Location, UnknownKey(entry.Name, label, reservedKeys.Concat(schema.Keys).ToList()));
                continue;
            }

            BindOption(option, entry.Value, target, $"{path}.{option.Key}");
        }
    }

    private void BindOption(OptionDescriptor option, ConfigNode node, object target, string path)
    {
        switch (option.Kind)
        {
            case OptionKind.Group:
                BindGroup(option, node, target, path);
                break;
            case OptionKind.Map:
                BindMap(option, node, target, path);
                break;
            case OptionKind.GroupMap:
                BindGroupMap(option, node, target, path);
                break;
            case OptionKind.Array:
                BindArray(option, node, target, path);
                break;
            default:
                if (TryScalar(option, option.Kind, node, path, out var value))
                    option.SetValue(target, value);
                break;
        }
    }

    private void BindGroup(OptionDescriptor option, ConfigNode node, object target, string path)
    {
        var schema = option.Group!;
        if (node is not (ConfigMapping or ConfigScalar { IsNull: true }))
        {
            errors.Add(node.Location, $"{path}: expected a group of options ({KeyList(schema.Keys)}), got {node.Describe()}");
            return;
        }

        var group = option.GetValue(target);
        if (group is null)
        {
            group = schema.CreateDefault();
            option.SetValue(target, group);
        }

        Bind(node, schema, group, path);
    }

    private void BindGroupMap(OptionDescriptor option, ConfigNode node, object target, string path)
    {
        var schema = option.Group!;
        var map = (System.Collections.IDictionary)Activator.CreateInstance(option.Property.PropertyType)!;
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                break;
            case ConfigMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Value is not (ConfigMapping or ConfigScalar { IsNull: true }))
                    {
                        errors.Add(entry.Value.Location, $"{path}.{entry.Name}: expected a group of options ({KeyList(schema.Keys)}), got {entry.Value.Describe()}");
                        continue;
                    }

                    var group = schema.CreateDefault();
                    Bind(entry.Value, schema, group, $"{path}.{entry.Name}");
                    map[entry.Name] = group;
                }

                break;
            default:
                errors.Add(node.Location, $"{path}: expected a mapping of names to groups of options ({KeyList(schema.Keys)}), got {node.Describe()}");
                return;
        }

        option.SetValue(target, map);
    }

    private void BindMap(OptionDescriptor option, ConfigNode node, object target, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                break;
            case ConfigMapping mapping:
                var valid = true;
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Value is ConfigScalar scalar)
                    {
                        map[entry.Name] = scalar.IsNull ? "" : scalar.Value;
                    }
                    else
                    {
                        errors.Add(entry.Value.Location, $"{path}.{entry.Name}: expected a string, got {entry.Value.Describe()}");
                        valid = false;
                    }
                }

                if (!valid)
                    return;
                break;
            default:
                errors.Add(node.Location, $"{path}: expected a mapping of names to strings (like team: physics), got {node.Describe()}");
                return;
        }

        option.SetValue(target, map);
    }

    private void BindArray(OptionDescriptor option, ConfigNode node, object target, string path)
    {
        if (node is not ConfigSequence list)
        {
            var hint = node switch
            {
                ConfigScalar { IsNull: true } => " (write [] for an empty list)",
                ConfigScalar scalar => $" (write [{scalar.Value}] for a list of one)",
                _ => "",
            };
            errors.Add(node.Location, $"{path}: expected a {option.TypeName}, got {node.Describe()}{hint}");
            return;
        }

        var array = Array.CreateInstance(option.ElementType!, list.Items.Count);
        var valid = true;
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (TryScalar(option, option.ElementKind!.Value, list.Items[i], $"{path}[{i}]", out var value))
                array.SetValue(value, i);
            else
                valid = false;
        }

        if (valid)
            option.SetValue(target, array);
    }

    private bool TryScalar(OptionDescriptor option, OptionKind kind, ConfigNode node, string path, out object? value)
    {
        if (!ScalarConverter.TryConvert(node, kind, option, out value, out var problem))
        {
            errors.Add(node.Location, $"{path}: {problem}");
            return false;
        }

        if (option.Violation(value!) is { } violation)
        {
            errors.Add(node.Location, $"{path}: {violation}");
            return false;
        }

        return true;
    }

    /// <summary>The message for a key that the schema does not have, with a suggestion and the allowed keys.</summary>
    /// <param name="key">The key as written.</param>
    /// <param name="label">Where it was written (<c>training</c>, <c>model (plugin 'rbm')</c>).</param>
    /// <param name="allowed">The keys allowed there.</param>
    /// <returns>The message.</returns>
    public static string UnknownKey(string key, string label, IReadOnlyList<string> allowed)
    {
        var message = $"unknown key '{key}' in {label}";
        if (KeySuggestions.Suggest(key, allowed) is { } suggestion)
            message += $"; did you mean '{suggestion}'?";
        if (allowed.Count is > 0 and <= MaxListedKeys)
            message += $" (allowed: {string.Join(", ", allowed)})";
        return message;
    }

    private static string KeyList(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        return list.Count <= MaxListedKeys ? string.Join(", ", list) : string.Join(", ", list.Take(MaxListedKeys)) + ", ...";
    }
}
