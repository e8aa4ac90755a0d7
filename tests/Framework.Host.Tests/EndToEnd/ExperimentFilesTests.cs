using Autofac;
using Framework.Host.Experiments;
using Framework.Host.Plugins;
using Framework.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.EndToEnd;

/// <summary>The files in experiments/ must run as they are: each is validated against the bundled plugins.</summary>
public sealed class ExperimentFilesTests
{
    public static TheoryData<string> ExperimentFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "experiments"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void EveryExperimentFileInTheRepositoryIsValidAgainstTheBundledPlugins(string name)
    {
        string bundled = Path.Combine(Path.GetDirectoryName(HostProcess.HostDll)!, "plugins");
        using var container = new ContainerBuilder().Build();
        var catalog = new PluginLoader(container, NullLogger<PluginLoader>.Instance).LoadAll([bundled]);
        Assert.Empty(catalog.Rejected);

        var result = new ExperimentLoader(catalog).Load(Path.Combine(TestPaths.RepoRoot, "experiments", name), []);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }
}
