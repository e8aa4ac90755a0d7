using System.Globalization;
using System.Text.RegularExpressions;
using Framework.Host.Experiments;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Sweeps;

/// <summary>Reads the <c>sweep</c> section: its settings through the options schema, its parameters here.</summary>
/// <remarks>
/// Parameters are written with dotted keys (<c>training.optimizer.lr: [0.01, 0.1]</c>) or nested
/// (<c>model: {hidden: [8, 16]}</c>); both name the key a trial overrides. A list is a grid axis; a one-key mapping
/// <c>{uniform | log_uniform | int: [low, high]}</c> or <c>{choice: [...]}</c> is a distribution. A null value removes
/// a parameter (so <c>--set sweep.parameters.model.hidden=null</c> stops sweeping it). Whether the values fit the
/// options is checked later, trial by trial, by the experiment loader.
/// </remarks>
/// <param name="errors">Receives every problem.</param>
internal sealed partial class SweepSpecReader(ConfigErrorCollector errors)
{
    private static readonly string[] SweptSections = ["model", "dataset", "training"];

    private static readonly Dictionary<string, DistributionKind> Distributions = Enum.GetValues<DistributionKind>()
        .ToDictionary(k => OptionNaming.ToSnakeCase(k.ToString()), k => k, StringComparer.Ordinal);

    /// <summary>Reads the section.</summary>
    /// <param name="node">The section's value.</param>
    /// <returns>The spec; meaningful only when no error was recorded.</returns>
    public SweepSpec? Read(ConfigNode node)
    {
        if (node is not ConfigMapping mapping)
        {
            errors.Add(node.Location, $"sweep: expected a mapping with '{SweepSpec.ParametersKey}' (for example parameters: {{model.hidden: [64, 128]}}), got {node.Describe()}");
            return null;
        }

        var schema = OptionsSchema.For<SweepSettings>();
        var settings = (SweepSettings)schema.CreateDefault();
        int before = errors.Count;
        new OptionsBinder(errors).Bind(mapping, schema, settings, "sweep", reservedKeys: [SweepSpec.ParametersKey]);

        var parameters = new List<SweepParameter>();
        var entry = mapping.Find(SweepSpec.ParametersKey);
        int beforeParameters = errors.Count;
        if (entry?.Value is ConfigMapping list)
            ReadLevel(list, "", parameters);
        else if (entry is not null && entry.Value is not ConfigScalar { IsNull: true })
            errors.Add(entry.Value.Location, $"sweep.{SweepSpec.ParametersKey}: expected a mapping of keys to value lists or distributions, got {entry.Value.Describe()}");

        if (parameters.Count == 0 && errors.Count == beforeParameters)
            errors.Add(entry?.Key.Location ?? mapping.Location,
                $"sweep.{SweepSpec.ParametersKey}: nothing to sweep; list at least one key, for example model.hidden: [64, 128] or training.optimizer.lr: {{log_uniform: [0.0001, 0.01]}}");

        var spec = new SweepSpec(parameters, settings, mapping.Location);
        if (errors.Count == before)
            CheckConditions(spec);
        if (errors.Count == before)
            CheckTrialCount(spec, entry);
        return spec;
    }

    private void ReadLevel(ConfigMapping level, string prefix, List<SweepParameter> parameters)
    {
        foreach (var entry in level.Entries)
        {
            string key = prefix + entry.Name;
            if (!IsValidKey(key, entry.Key.Location))
                continue;
            // A later entry for the same key (an override) replaces the earlier one.
            parameters.RemoveAll(p => p.Key == key);
            switch (entry.Value)
            {
                case ConfigScalar { IsNull: true }:
                    break;
                case ConfigSequence values:
                    if (values.Items.Count == 0)
                        errors.Add(values.Location, $"sweep.{SweepSpec.ParametersKey}.{key}: the list of values is empty; give at least one");
                    else
                        parameters.Add(new SweepParameter(key, values.Location, values.Items.Select(ToValue).ToList(), null));
                    break;
                case ConfigMapping { Entries.Count: 1 } one when Distributions.TryGetValue(one.Entries[0].Name, out var kind):
                    if (ReadDistribution(key, kind, one.Entries[0]) is { } distribution)
                        parameters.Add(new SweepParameter(key, one.Location, null, distribution));
                    break;
                case ConfigMapping { Entries.Count: 2 } conditional when conditional.Find(SweepCondition.Key) is { } when
                        && conditional.Entries.FirstOrDefault(e => e != when) is { } first && Distributions.TryGetValue(first.Name, out var conditionalKind):
                    if (ReadDistribution(key, conditionalKind, first) is { } drawn && ReadCondition(key, when) is { } condition)
                        parameters.Add(new SweepParameter(key, conditional.Location, null, drawn with { When = condition }));
                    break;
                case ConfigMapping nested:
                    ReadLevel(nested, key + ".", parameters);
                    break;
                case ConfigScalar scalar:
                    errors.Add(scalar.Location,
                        $"sweep.{SweepSpec.ParametersKey}.{key}: expected a list of values (a grid axis) or a distribution such as " +
                        $"{{uniform: [0.1, 0.9]}}, got {scalar.Describe()}; write [{scalar.Value}] for one value, or set it in its section instead");
                    break;
            }
        }
    }

    private bool IsValidKey(string key, SourceLocation location)
    {
        var first = key.Split('.')[0];
        if (SweptSections.Contains(first) || key == ExperimentSections.IncludeKey)
            return true;
        if (key.Contains('.', StringComparison.Ordinal) || ExperimentSections.Find(first) is not null)
        {
            var why = first == ExperimentSections.Tracking.Key
                ? "tracking settings say where results go, not what they are, so trials would not differ"
                : "only model, dataset and training options can be swept";
            errors.Add(location, $"sweep.{SweepSpec.ParametersKey}: '{key}' cannot be swept: {why}");
            return false;
        }

        errors.Add(location, $"sweep.{SweepSpec.ParametersKey}: '{key}' is not a key path; write section.option, for example model.{key} or training.{key}");
        return false;
    }

    /// <summary><c>when: {parent.key: [value, ...]}</c> (one value may be written without the list).</summary>
    private SweepCondition? ReadCondition(string key, ConfigEntry entry)
    {
        string path = $"sweep.{SweepSpec.ParametersKey}.{key}.{SweepCondition.Key}";
        if (entry.Value is ConfigMapping { Entries.Count: 1 } mapping)
        {
            var parent = mapping.Entries[0];
            IReadOnlyList<ConfigNode>? values = parent.Value switch
            {
                ConfigSequence { Items.Count: > 0 } list => list.Items,
                ConfigScalar { IsNull: false } one => [one],
                _ => null,
            };
            if (values is not null)
                return new SweepCondition(parent.Name, values.Select(YamlText).ToList(), entry.Value.Location);
        }

        errors.Add(entry.Value.Location, $"{path}: expected {{parameter: [values]}}, the categorical parameter (a list or a choice) and the values of it that enable {key}, got {entry.Value.Describe()}");
        return null;
    }

    /// <summary>Each condition names another parameter that is categorical, and values it takes.</summary>
    private void CheckConditions(SweepSpec spec)
    {
        foreach (var parameter in spec.Parameters.Where(p => p.When is not null))
        {
            var when = parameter.When!;
            string path = $"sweep.{SweepSpec.ParametersKey}.{parameter.Key}.{SweepCondition.Key}";
            if (!spec.IsSearch)
            {
                errors.Add(when.Location, $"{path}: conditional parameters need search: random or tpe (a grid runs every combination)");
                continue;
            }

            var parent = spec.Parameters.FirstOrDefault(p => p.Key == when.ParentKey);
            var choices = parent?.Grid ?? (parent?.Distribution?.Kind == DistributionKind.Choice ? parent.Distribution.Choices : null);
            if (parent is null || choices is null || parent == parameter)
            {
                var categorical = spec.Parameters.Where(p => p != parameter && (p.Grid is not null || p.Distribution?.Kind == DistributionKind.Choice)).Select(p => p.Key).ToList();
                errors.Add(when.Location, $"{path}: '{when.ParentKey}' is not a categorical parameter of this sweep (a list or a choice); " +
                    (categorical.Count > 0 ? $"allowed: {string.Join(", ", categorical)}" : "the sweep has none"));
                continue;
            }

            if (parent.When is not null)
            {
                errors.Add(when.Location, $"{path}: '{when.ParentKey}' is itself conditional; a condition may depend only on a parameter that always applies");
                continue;
            }

            foreach (var value in when.Values.Where(v => choices.All(c => c.Text != v)))
                errors.Add(when.Location, $"{path}: '{value}' is not a value of {when.ParentKey}; allowed: {string.Join(", ", choices.Select(c => c.Text))}");
        }
    }

    private SweepDistribution? ReadDistribution(string key, DistributionKind kind, ConfigEntry entry)
    {
        string path = $"sweep.{SweepSpec.ParametersKey}.{key}.{entry.Name}";
        if (entry.Value is not ConfigSequence items || items.Items.Count == 0)
        {
            errors.Add(entry.Value.Location, kind == DistributionKind.Choice
                ? $"{path}: expected a non-empty list of values, got {entry.Value.Describe()}"
                : $"{path}: expected [low, high], got {entry.Value.Describe()}");
            return null;
        }

        if (kind == DistributionKind.Choice)
            return new SweepDistribution(kind, 0, 0, items.Items.Select(ToValue).ToList());

        if (items.Items.Count != 2 || !TryNumber(items.Items[0], kind, out double low) || !TryNumber(items.Items[1], kind, out double high))
        {
            var what = kind == DistributionKind.Int ? "two integers" : "two numbers";
            errors.Add(items.Location, $"{path}: expected [low, high], {what}, got {Describe(items)}");
            return null;
        }

        if (kind == DistributionKind.Int ? low > high : low >= high)
        {
            errors.Add(items.Location, $"{path}: low must be {(kind == DistributionKind.Int ? "at most" : "below")} high, got [{Format(low)}, {Format(high)}]");
            return null;
        }

        if (kind == DistributionKind.LogUniform && low <= 0)
        {
            errors.Add(items.Location, $"{path}: a log-uniform range must be positive, got low {Format(low)}; use uniform for ranges that include 0");
            return null;
        }

        return new SweepDistribution(kind, low, high, []);
    }

    private void CheckTrialCount(SweepSpec spec, ConfigEntry? parametersEntry)
    {
        var settings = spec.Settings;
        var location = parametersEntry?.Key.Location ?? spec.Location;
        if ((spec.IsSearch || settings.Pruner != PrunerKind.None) && string.IsNullOrWhiteSpace(settings.Metric))
        {
            errors.Add(spec.Location, $"sweep.metric: search: {Name(settings.Search)} with pruner: {Name(settings.Pruner)} ranks trials by one metric that every evaluation logs; name it, for example metric: test/loglik (and goal: maximize)");
            return;
        }

        if (spec.IsSearch)
        {
            if (settings.Trials == 0)
                errors.Add(location, $"sweep.trials: search: {Name(settings.Search)} needs the number of trials to run; add trials: N");
            else if (settings.Repeats != 1)
                errors.Add(spec.Location, $"sweep.repeats: search: {Name(settings.Search)} runs each proposal once (its seed is training.seed); remove repeats, or use search: grid to repeat configurations over seeds");
            return;
        }

        if (spec.IsRandom && settings.Trials == 0)
        {
            errors.Add(location, "sweep.trials: random search needs a number of draws; add trials: N (the draws are repeated for every grid point)");
            return;
        }

        if (!spec.IsRandom && settings.Trials > 0)
        {
            errors.Add(location, "sweep.trials: applies to random search only; lists are a grid (every combination runs), so remove trials or use a distribution such as {choice: [...]}");
            return;
        }

        long count = SweepExpander.Count(spec);
        if (count > SweepSpec.MaxTrials)
            errors.Add(location, string.Create(CultureInfo.InvariantCulture,
                $"sweep: expands to {count} trials, more than the {SweepSpec.MaxTrials} allowed; sweep fewer values or split the sweep"));
    }

    private static string Name<T>(T value) where T : struct, Enum => OptionNaming.ToSnakeCase(value.ToString());

    private static SweepValue ToValue(ConfigNode node) => new(YamlText(node), node.Location);

    /// <summary>A node as YAML flow text that reads back as the same value (and type) in an override.</summary>
    internal static string YamlText(ConfigNode node) => node switch
    {
        ConfigScalar { IsPlain: true } plain when FlowSafe().IsMatch(plain.Value) => plain.Value,
        ConfigScalar { IsPlain: true, IsNull: true } => "null",
        ConfigScalar scalar => YamlScalarText.String(scalar.Value),
        ConfigSequence list => $"[{string.Join(", ", list.Items.Select(YamlText))}]",
        ConfigMapping map => $"{{{string.Join(", ", map.Entries.Select(e => $"{YamlScalarText.String(e.Name)}: {YamlText(e.Value)}"))}}}",
        _ => throw new InvalidOperationException($"Unexpected node {node.GetType().Name}."),
    };

    private static bool TryNumber(ConfigNode node, DistributionKind kind, out double value)
    {
        value = 0;
        if (node is not ConfigScalar { IsPlain: true } scalar)
            return false;
        if (kind == DistributionKind.Int)
        {
            bool ok = long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole);
            value = whole;
            return ok;
        }

        return double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static string Describe(ConfigSequence items) => $"[{string.Join(", ", items.Items.Select(YamlText))}]";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Plain scalars that mean the same inside a flow list or mapping (no flow indicators, no comment start).</summary>
    [GeneratedRegex(@"^[^,\[\]{}#&*!|>'""%@`\s][^,\[\]{}#]*$")]
    private static partial Regex FlowSafe();
}
