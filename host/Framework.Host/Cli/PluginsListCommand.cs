using Framework.Contracts;
using Framework.Host.Plugins;

namespace Framework.Host.Cli;

/// <summary><c>plugins list</c>: every loaded model and dataset plugin with its assembly and version, then the skipped ones.</summary>
internal sealed class PluginsListCommand(IPluginCatalog catalog)
{
    public int Execute(TextWriter output)
    {
        var rows = new List<string[]> { new[] { "NAME", "KIND", "ASSEMBLY", "VERSION", "DESCRIPTION" } };
        foreach (var plugin in catalog.Models.Cast<IPlugin>().Concat(catalog.Datasets))
        {
            var owner = catalog.OwnerOf(plugin);
            rows.Add([plugin.Name, plugin is Contracts.Models.IModelPlugin ? "model" : "dataset",
                owner?.Manifest.Name ?? "?", owner?.Manifest.Version ?? "?", plugin.Description]);
        }
        TextTable.Write(output, rows);

        output.WriteLine();
        output.WriteLine("Searched:");
        foreach (var root in catalog.Roots)
            output.WriteLine($"  {root.Folder} ({root.Origin})");

        if (catalog.Rejected.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Skipped:");
            foreach (var rejected in catalog.Rejected)
                output.WriteLine($"  {rejected.Name} ({rejected.Kind}): {rejected.Reason}");
        }
        return ExitCodes.Success;
    }
}
