using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.EndToEnd;

public sealed class PluginVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-plugins-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private HostProcess Host => new() { WorkingDirectory = _work };

    [Fact]
    public void PluginsListShowsTheBundledPluginsWithTheirVersions()
    {
        var result = Host.Run("plugins", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^rbm\s+model\s+Rbm\s+\d+\.\d+\.\d+", result.Output);
        Assert.Matches(@"(?m)^bars-and-stripes\s+dataset\s+BarsAndStripes\s+\d+\.\d+\.\d+", result.Output);
        Assert.Matches(@"(?m)^idx\s+dataset\s+Idx\s+\d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public void PluginsListReportsBrokenPluginsFromPluginFoldersAndKeepsTheGoodOnes()
    {
        var result = Host.Run("--plugins", TestPaths.FixturePlugins, "plugins", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^gan-fixture\s+model\s+FixtureGan\s+1\.0\.0", result.Output);
        Assert.Contains("FixtureIncompatible (IncompatibleContracts)", result.Output);
        Assert.Contains("FixtureMissingDependency (MissingDependency)", result.Output);
        Assert.Contains("FixtureThrowing (Malfunctioned)", result.Output);
        Assert.Matches(@"(?m)^rbm\s+model", result.Output);
    }

    [Fact]
    public void PluginsDescribePrintsEveryOptionWithItsDefault()
    {
        var result = Host.Run("--plugins", TestPaths.FixturePlugins, "plugins", "describe", "gan-fixture");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hidden", result.Output);
        Assert.Contains("discriminator_steps", result.Output);
        Assert.Contains("Discriminator updates per generator update.", result.Output);
        Assert.Contains("32", result.Output);
        Assert.Contains("Optimiser groups (training.optimizers.NAME", result.Output);
        Assert.Contains("  generator: The generator's weights. (gradient updates)", result.Output);
        Assert.Contains("  discriminator: The discriminator's weights. (gradient updates; not averaged by training.ema)", result.Output);
    }

    [Fact]
    public void DescribingAnUnknownPluginExitsWithTwoAndSuggestsAName()
    {
        var result = Host.Run("plugins", "describe", "rmb");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'rbm'", result.Error);
    }

    [Fact]
    public void TheSchemaVerbWritesJsonWithEveryPluginsOptions()
    {
        var result = Host.Run("--plugins", TestPaths.FixturePlugins, "schema");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var schema = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Contains("gan-fixture", result.Output);
        Assert.Contains("discriminator_steps", result.Output);
        Assert.Contains("bars-and-stripes", result.Output);
    }

    [Fact]
    public void AnUnknownVerbIsAUsageError()
    {
        var result = Host.Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
    }
}
