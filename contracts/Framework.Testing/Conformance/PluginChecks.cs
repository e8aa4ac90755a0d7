using System.Globalization;
using System.Text.Json;
using Framework.Contracts;
using Framework.Options;

namespace Framework.Testing.Conformance;

/// <summary>The checks every plugin gets, model or dataset: its manifest, and whether its options can be described.</summary>
internal static class PluginChecks
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The folder's <c>plugin.json</c> names a contracts version this kit serves and the assembly the plugin lives in.</summary>
    public static CheckResult Manifest(IPlugin plugin, string? folder)
    {
        const string Name = "manifest and contracts version";
        if (folder is null)
            return new(Name, CheckOutcome.Skipped, "no plugin folder given");
        var path = Path.Combine(folder, "plugin.json");
        if (!File.Exists(path))
            return new(Name, CheckOutcome.Failed, $"{path} does not exist; every plugin folder needs one");
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            return new(Name, CheckOutcome.Failed, $"{path} is not valid JSON: {e.Message}");
        }

        if (manifest is null || string.IsNullOrWhiteSpace(manifest.Id) || string.IsNullOrWhiteSpace(manifest.Assembly))
            return new(Name, CheckOutcome.Failed, $"{path} needs id, name, version, contractsVersion and assembly");
        if (!Version.TryParse(manifest.ContractsVersion, out var contracts))
            return new(Name, CheckOutcome.Failed, $"contractsVersion '{manifest.ContractsVersion}' is not a version such as '{ContractsInfo.Version}'");
        if (!ContractsInfo.Supports(contracts))
            return new(Name, CheckOutcome.Failed, $"built for contracts {contracts}; these contracts are {ContractsInfo.Version}");
        var assembly = Path.GetFileName(plugin.GetType().Assembly.Location);
        if (!string.Equals(assembly, manifest.Assembly, StringComparison.OrdinalIgnoreCase))
            return new(Name, CheckOutcome.Failed, $"plugin.json names assembly '{manifest.Assembly}' but the plugin lives in '{assembly}'");
        return new(Name, CheckOutcome.Passed, $"{manifest.Id} {manifest.Version}, contracts {contracts} (these: {ContractsInfo.Version}), {manifest.Assembly}");
    }

    /// <summary>The options class can be read by the host's rules, its defaults meet their own ranges, and no retired key
    /// is still an option.</summary>
    public static CheckResult Options(IPlugin plugin)
    {
        const string Name = "options are describable";
        if (!OptionsSchema.TryCreateForPlugin(plugin, out var schema, out var problem))
            return new(Name, CheckOutcome.Failed, problem);
        var defaults = schema.CreateDefault();
        foreach (var option in schema.Options)
        {
            var value = option.GetValue(defaults);
            var values = option.Kind == OptionKind.Array && value is Array array ? array.Cast<object>() : value is null ? [] : [value];
            if (option.Kind is OptionKind.Group or OptionKind.Map or OptionKind.GroupMap)
                continue;
            foreach (var element in values)
                if (option.Violation(element) is { } violation)
                    return new(Name, CheckOutcome.Failed, $"the default of {option.Key} {violation}");
        }

        if (schema.Retired.Keys.FirstOrDefault(k => schema.Find(k) is not null) is { } clash)
            return new(Name, CheckOutcome.Failed, $"'{clash}' is marked retired but is still an option");
        return new(Name, CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
            $"{schema.Options.Count} options, every default within its range and allowed values"));
    }

    /// <summary>The two checks every plugin gets (manifest, options), and the options the other checks use: the given
    /// ones, else the defaults, or null when the options class cannot be instantiated (a skip is then recorded).</summary>
    public static (List<CheckResult> Results, object? Options) Begin(IPlugin plugin, ConformanceSettings settings, string kind)
    {
        var results = new List<CheckResult>
        {
            Guard("manifest and contracts version", () => Manifest(plugin, settings.PluginFolder)),
            Guard("options are describable", () => Options(plugin)),
        };
        var options = settings.Options ?? (OptionsSchema.TryCreateForPlugin(plugin, out var schema, out _) ? schema.CreateDefault() : null);
        if (options is null)
            results.Add(new($"{kind} checks", CheckOutcome.Skipped, "the options class cannot be instantiated"));
        return (results, options);
    }

    /// <summary>Runs a check, turning an exception into a failure that names it.</summary>
    public static CheckResult Guard(string name, Func<CheckResult> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new(name, CheckOutcome.Failed, $"threw {e.GetType().Name}: {e.Message}");
        }
    }
}
