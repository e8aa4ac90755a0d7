using Framework.Contracts;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Plugins;

namespace Framework.Host.Cli;

/// <summary><c>plugins describe NAME</c>: what a plugin is and every option it takes, with defaults and allowed values.</summary>
internal sealed class PluginsDescribeCommand(IPluginCatalog catalog)
{
    public int Execute(string name, TextWriter output, TextWriter error)
    {
        IPlugin? plugin = (IPlugin?)catalog.FindModel(name) ?? catalog.FindDataset(name);
        if (plugin is null)
        {
            var available = catalog.Models.Select(m => m.Name).Concat(catalog.Datasets.Select(d => d.Name)).ToList();
            string? suggestion = KeySuggestions.Suggest(name, available);
            error.WriteLine($"error: no plugin named '{name}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Available: {string.Join(", ", available)}.");
            return ExitCodes.Usage;
        }
        var owner = catalog.OwnerOf(plugin);
        string section = plugin is IModelPlugin ? "model" : "dataset";
        output.WriteLine($"{plugin.Name} ({section} plugin) — {plugin.Description}");
        if (owner is not null)
            output.WriteLine($"  assembly {owner.Manifest.Name} {owner.Manifest.Version}, contracts {owner.Manifest.ContractsVersion}, {owner.Folder}");
        output.WriteLine();
        output.WriteLine($"Options (under '{section}:' in an experiment file, or --set {section}.KEY=VALUE):");
        var schema = OptionsSchema.For(plugin.OptionsType);
        output.Write(OptionsDescriber.Describe(schema));
        if (plugin is IModelPlugin model)
            DescribeOptimizerGroups(model, schema, output);
        return ExitCodes.Success;
    }

    /// <summary>The groups a model with default options declares, and where the file configures them.</summary>
    private static void DescribeOptimizerGroups(IModelPlugin model, OptionsSchema schema, TextWriter output)
    {
        var groups = model.OptimizerGroups(schema.CreateDefault());
        output.WriteLine();
        output.WriteLine(groups.Count == 1
            ? "Optimiser (training.optimizer, with training.schedule):"
            : "Optimiser groups (training.optimizers.NAME, each overriding training.optimizer and training.schedule):");
        foreach (var group in groups)
        {
            var how = group.Update == OptimizerUpdate.ClosedForm ? "closed-form update" : "gradient updates";
            var algorithms = group.Algorithms is { } names ? $"; algorithms: {string.Join(", ", names)}" : "";
            var averaged = group.Averaged ? "" : "; not averaged by training.ema";
            output.WriteLine($"  {group.Name}: {group.Description} ({how}{algorithms}{averaged})");
        }
    }
}
