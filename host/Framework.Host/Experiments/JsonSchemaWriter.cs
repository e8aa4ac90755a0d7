using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Plugins;
using Framework.Host.Sweeps;

namespace Framework.Host.Experiments;

/// <summary>
/// Writes a JSON Schema (draft 2020-12) of the experiment file format for editors: with yaml-language-server, a
/// <c># yaml-language-server: $schema=experiment.schema.json</c> line gives completion, hover help and checks.
/// </summary>
/// <remarks>
/// <c>model</c> and <c>dataset</c> accept any loaded plugin's name; an <c>if</c>/<c>then</c> per plugin then
/// constrains the other keys to that plugin's options. The <c>then</c> branch carries
/// <c>additionalProperties: false</c> itself (listing <c>plugin</c> too), which works in editors that predate
/// <c>unevaluatedProperties</c>.
/// </remarks>
internal static class JsonSchemaWriter
{
    /// <summary>The JSON Schema dialect written.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema as indented JSON text.</summary>
    /// <param name="catalog">The loaded plugins.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(IPluginCatalog catalog) => Build(catalog).ToJsonString(Indented);

    /// <summary>The schema as a JSON tree.</summary>
    /// <param name="catalog">The loaded plugins.</param>
    /// <returns>The schema object.</returns>
    public static JsonObject Build(IPluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var properties = new JsonObject
        {
            [ExperimentSections.DefaultsKey] = new JsonObject
            {
                ["description"] = "Base experiment files merged under this one, in order (paths relative to this file).",
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
            },
        };
        foreach (var section in ExperimentSections.All)
        {
            properties[section.Key] = section.Kind switch
            {
                ExperimentSectionKind.Text => new JsonObject { ["description"] = section.Description, ["type"] = new JsonArray("string", "null") },
                ExperimentSectionKind.Plugin => PluginSection(section, catalog),
                ExperimentSectionKind.Settings => SettingsSection(section),
                ExperimentSectionKind.Sweep => SweepSection(section),
                _ => new JsonObject(),
            };
        }

        return new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = "Framework experiment file",
            ["description"] = "An experiment: a model plugin, a dataset plugin, training and tracking settings.",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject SettingsSection(ExperimentSection section)
    {
        var schema = OptionsSchema.For(section.SettingsType!);
        var settings = OptionsObject(schema, schema.CreateDefault());
        settings.Insert(0, "description", section.Description);
        return settings;
    }

    private static JsonObject SweepSection(ExperimentSection section)
    {
        var schema = OptionsSchema.For<SweepSettings>();
        var sweep = OptionsObject(schema, schema.CreateDefault());
        sweep.Insert(0, "description", section.Description);
        JsonObject Range(string kind, string type) => new()
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [kind] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = type }, ["minItems"] = 2, ["maxItems"] = 2 } },
            ["required"] = new JsonArray(kind),
            ["additionalProperties"] = false,
        };
        var choice = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["choice"] = new JsonObject { ["type"] = "array", ["minItems"] = 1 } },
            ["required"] = new JsonArray("choice"),
            ["additionalProperties"] = false,
        };
        ((JsonObject)sweep["properties"]!).Insert(0, SweepSpec.ParametersKey, new JsonObject
        {
            ["description"] = "Keys to sweep (model.hidden, training.optimizer.lr): a list of values is a grid axis; " +
                              "{uniform|log_uniform|int: [low, high]} or {choice: [...]} is drawn 'trials' times.",
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "array", ["minItems"] = 1 },
                    Range("uniform", "number"), Range("log_uniform", "number"), Range("int", "integer"), choice,
                    new JsonObject { ["type"] = "object" },
                    new JsonObject { ["type"] = "null" }),
            },
        });
        sweep["required"] = new JsonArray(SweepSpec.ParametersKey);
        return sweep;
    }

    private static JsonObject PluginSection(ExperimentSection section, IPluginCatalog catalog)
    {
        var names = new JsonArray();
        var branches = new JsonArray();
        foreach (var plugin in section.AvailablePlugins(catalog))
        {
            // A plugin whose options cannot be read is refused by the loader too; leave it out rather than fail.
            if (!OptionsSchema.TryCreateForPlugin(plugin, out var schema, out _))
                continue;
            names.Add(plugin.Name);
            var options = OptionsObject(schema, schema.CreateDefault());
            ((JsonObject)options["properties"]!).Insert(0, OptionsSchema.PluginKey, true);
            branches.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { [OptionsSchema.PluginKey] = new JsonObject { ["const"] = plugin.Name } },
                    ["required"] = new JsonArray(OptionsSchema.PluginKey),
                },
                ["then"] = options,
            });
        }

        return new JsonObject
        {
            ["description"] = section.Description,
            ["type"] = "object",
            ["required"] = new JsonArray(OptionsSchema.PluginKey),
            ["properties"] = new JsonObject
            {
                [OptionsSchema.PluginKey] = new JsonObject
                {
                    ["description"] = $"The {section.PluginNoun}.",
                    ["type"] = "string",
                    ["enum"] = names,
                },
            },
            ["allOf"] = branches,
        };
    }

    private static JsonObject OptionsObject(OptionsSchema schema, object values)
    {
        var properties = new JsonObject();
        foreach (var option in schema.Options)
            properties[option.Key] = OptionSchema(option, option.GetValue(values));
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject OptionSchema(OptionDescriptor option, object? value)
    {
        JsonObject schema;
        switch (option.Kind)
        {
            case OptionKind.Group:
                schema = OptionsObject(option.Group!, value ?? option.Group!.CreateDefault());
                break;
            case OptionKind.GroupMap:
                schema = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = OptionsObject(option.Group!, option.Group!.CreateDefault()),
                };
                break;
            case OptionKind.Map:
                schema = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
                };
                break;
            case OptionKind.Array:
                schema = new JsonObject { ["type"] = "array", ["items"] = ScalarSchema(option, option.ElementKind!.Value) };
                break;
            default:
                schema = ScalarSchema(option, option.Kind);
                break;
        }

        if (option.Description is not null)
            schema.Insert(0, "description", option.Description);
        if (option.Kind is not (OptionKind.Group or OptionKind.GroupMap) && DefaultValue(value) is { } defaultValue)
            schema["default"] = defaultValue;
        return schema;
    }

    private static JsonObject ScalarSchema(OptionDescriptor option, OptionKind kind)
    {
        var schema = new JsonObject
        {
            ["type"] = kind switch
            {
                OptionKind.Boolean => "boolean",
                OptionKind.Int32 or OptionKind.Int64 => "integer",
                OptionKind.Single or OptionKind.Double => "number",
                _ => "string",
            },
        };
        if (option.AllowedValues is { } allowed)
            schema["enum"] = new JsonArray(allowed.Select(a => AllowedValue(a, kind)).ToArray());
        if (option.Range is { } range)
        {
            if (double.IsFinite(range.Minimum))
                schema[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = Number(range.BoundAsNumber(range.Minimum));
            if (double.IsFinite(range.Maximum))
                schema[range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = Number(range.BoundAsNumber(range.Maximum));
        }

        if (option.Pattern is { } pattern)
            schema["pattern"] = pattern;
        return schema;
    }

    private static JsonNode? AllowedValue(string text, OptionKind kind) => kind switch
    {
        OptionKind.Int32 or OptionKind.Int64 when long.TryParse(text, CultureInfo.InvariantCulture, out var whole) => whole,
        OptionKind.Single or OptionKind.Double when double.TryParse(text, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => real,
        _ => text,
    };

    private static JsonNode Number(object bound) => bound is long whole ? JsonValue.Create(whole) : JsonValue.Create((double)bound);

    /// <summary>A default as JSON, or null where JSON cannot hold it (NaN, infinities) or there is none.</summary>
    private static JsonNode? DefaultValue(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        float f => float.IsFinite(f) ? JsonValue.Create(f) : null,
        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
        Enum e => OptionNaming.ToSnakeCase(e.ToString()),
        Dictionary<string, string> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        Array items => items.Cast<object?>().Select(DefaultValue).Any(v => v is null)
            ? null
            : new JsonArray(items.Cast<object?>().Select(DefaultValue).ToArray()),
        _ => null,
    };
}
