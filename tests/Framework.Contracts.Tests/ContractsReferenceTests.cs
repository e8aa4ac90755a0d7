using System.Xml.Linq;

namespace Framework.Contracts.Tests;

/// <summary>The contracts reference in docs/ is what the XML documentation says today.</summary>
public sealed class ContractsReferenceTests
{
    [Fact]
    public void TheContractsReferenceInDocsIsGeneratedFromTheCurrentDocumentation()
    {
        var assembly = typeof(ContractsInfo).Assembly;
        var documentation = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml"));
        var expected = ContractsReference.Generate(assembly, documentation);
        var path = Path.Combine(RepositoryRoot(), "docs", "contracts-reference.md");
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";

        if (actual != expected)
        {
            File.WriteAllText(path + ".received.txt", expected);
            Assert.Fail($"{path} is out of date with the contracts' XML documentation; review {path}.received.txt and copy it over.");
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
}
