using Framework.Host.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Framework.Host.Tests.EndToEnd;

/// <summary>experiments/ising-families.yaml: one sweep over the four families, each family's sections from its own file.</summary>
public sealed class IsingFamiliesFileTests
{
    private static string Experiments => Path.Combine(TestPaths.RepoRoot, "experiments");

    [Fact]
    public void EveryTrialOfTheFamiliesSweepIsValidWithTheBundledPlugins()
    {
        var result = new HostProcess { WorkingDirectory = Experiments }.Run("validate", Path.Combine(Experiments, "ising-families.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("12 trials (12 configurations x 1 seeds), every one valid", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rbm")]
    [InlineData("vae")]
    [InlineData("gan")]
    [InlineData("diffusion")]
    public void EachFamilyFileHoldsTheModelAndTrainingOfThatFamilysOwnExperiment(string family)
    {
        // The per-family files carry the measured settings and their reasons; the families sweep must train the same.
        var own = Root(Path.Combine(Experiments, $"{family}-ising.yaml"));
        var included = Root(Path.Combine(Experiments, "ising", $"{family}.yaml"));

        Assert.Equal(["model", "training"], included.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var section in new[] { "model", "training" })
            Assert.Equal(Text(own.Children[new YamlScalarNode(section)]), Text(included.Children[new YamlScalarNode(section)]));
        // And the same data as the sweep.
        var families = Root(Path.Combine(Experiments, "ising-families.yaml"));
        Assert.Equal(Text(own.Children[new YamlScalarNode("dataset")]), Text(families.Children[new YamlScalarNode("dataset")]));
    }

    private static YamlMappingNode Root(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    // A node as canonical text: mappings and sequences written out, whatever flow or block style the file used.
    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(Text)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(c => Text(c.Key) + ": " + Text(c.Value))) + "}",
        _ => node.ToString(),
    };
}
