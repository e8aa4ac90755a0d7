using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Plugins;
using Framework.Options;
using Framework.Testing;
using Framework.Testing.Conformance;

namespace Framework.Host.Cli;

/// <summary><c>plugins check NAME|FOLDER</c>: runs the conformance checks of Framework.Testing on a loaded plugin, or on
/// every plugin of a folder, and prints one table per plugin.</summary>
internal sealed class PluginsCheckCommand(IPluginCatalog catalog)
{
    /// <summary>Checks the plugins <paramref name="target"/> names.</summary>
    /// <param name="target">A plugin's name, or a folder (a plugin folder or a folder of them, loaded like <c>--plugins</c>).</param>
    /// <param name="dataset">The dataset plugin that model plugins train on (its default options), or null for the kit's
    /// small generated binary data.</param>
    /// <param name="output">Where the tables go.</param>
    /// <param name="error">Where usage errors go.</param>
    /// <returns>0 when every check passed, 1 when one failed, 2 when nothing matched.</returns>
    public int Execute(string target, string? dataset, TextWriter output, TextWriter error)
    {
        var (plugins, rejected) = Select(target);
        foreach (var rejection in rejected)
            output.WriteLine($"{rejection.Name} (refused by the loader, {rejection.Kind}): {rejection.Reason}{Environment.NewLine}");
        if (plugins.Count == 0 && rejected.Count == 0)
        {
            var available = catalog.Models.Select(m => m.Name).Concat(catalog.Datasets.Select(d => d.Name)).ToList();
            var suggestion = KeySuggestions.Suggest(target, available);
            error.WriteLine($"error: '{target}' is neither a loaded plugin nor a folder{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} " +
                            $"Loaded: {string.Join(", ", available)}.");
            return ExitCodes.Usage;
        }

        var passed = rejected.Count == 0;
        foreach (var plugin in plugins)
        {
            var settings = new ConformanceSettings { PluginFolder = catalog.OwnerOf(plugin)?.Folder };
            var report = plugin switch
            {
                IModelPlugin model => CheckModel(model, dataset, settings),
                IDatasetPlugin data => DatasetConformance.Check(data, settings),
                _ => throw new InvalidOperationException($"{plugin.Name} is neither a model nor a dataset plugin."),
            };
            output.WriteLine(report.ToTable());
            passed &= report.Passed;
        }

        return passed ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private ConformanceReport CheckModel(IModelPlugin model, string? datasetName, ConformanceSettings settings)
    {
        if (datasetName is null)
        {
            using var generated = TestData.Binary();
            return ModelConformance.Check(model, generated, settings);
        }

        var plugin = catalog.FindDataset(datasetName) ?? throw new ArgumentException(
            $"--dataset '{datasetName}' is not a loaded dataset plugin; loaded: {string.Join(", ", catalog.Datasets.Select(d => d.Name))}.");
        using var context = new TestDatasetContext(settings.Run.Seed);
        using var data = plugin.Load(OptionsSchema.For(plugin.OptionsType).CreateDefault(), context);
        return ModelConformance.Check(model, data, settings);
    }

    /// <summary>The plugins a name or a folder stands for, and the plugins of that folder the loader refused.</summary>
    private (List<IPlugin> Plugins, List<PluginRejection> Rejected) Select(string target)
    {
        if (!Directory.Exists(target))
        {
            IPlugin? named = (IPlugin?)catalog.FindModel(target) ?? catalog.FindDataset(target);
            return (named is null ? [] : [named], []);
        }

        var folder = Path.GetFullPath(target);
        bool Inside(string path) => Path.GetFullPath(path).StartsWith(folder, StringComparison.Ordinal);
        var plugins = catalog.Loaded.Where(p => Inside(p.Folder))
            .SelectMany(p => p.Models.Cast<IPlugin>().Concat(p.Datasets)).ToList();
        return (plugins, catalog.Rejected.Where(r => Inside(r.Folder)).ToList());
    }
}
