using Framework.Host.Experiments;
using Framework.Host.Plugins;

namespace Framework.Host.Cli;

/// <summary><c>schema [--output FILE]</c>: the JSON Schema of experiment files with every loaded plugin's options.</summary>
internal sealed class SchemaCommand(IPluginCatalog catalog)
{
    public int Execute(string? outputFile, TextWriter output)
    {
        string schema = JsonSchemaWriter.Write(catalog);
        if (outputFile is null)
        {
            output.WriteLine(schema);
            return ExitCodes.Success;
        }
        File.WriteAllText(outputFile, schema);
        output.WriteLine($"Wrote {Path.GetFullPath(outputFile)}. For completion in VS Code (YAML extension), start an experiment file with:");
        output.WriteLine($"# yaml-language-server: $schema={Path.GetFullPath(outputFile)}");
        return ExitCodes.Success;
    }
}
