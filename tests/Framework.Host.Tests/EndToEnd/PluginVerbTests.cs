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
    public void PluginsCheckPassesEveryBundledPlugin()
    {
        var bundled = Path.Combine(Path.GetDirectoryName(HostProcess.HostDll)!, "plugins");

        var result = Host.Run("plugins", "check", bundled);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var plugin in new[] { "rbm (model plugin)", "vae (model plugin)", "gan (model plugin)", "diffusion (model plugin)", "bars-and-stripes (dataset plugin)", "ising2d (dataset plugin)", "idx (dataset plugin)" })
            Assert.Contains(plugin, result.Output);
        Assert.Contains("11 checks: 11 passed, 0 failed, 0 skipped", result.Output);
        Assert.DoesNotContain("FAIL", result.Output);
    }

    [Fact]
    public void PluginsCheckFailsEachBrokenFixtureOnWhatItBreaks()
    {
        var broken = Path.Combine(TestPaths.FixturePlugins, "FixtureBroken");

        var result = Host.Run("plugins", "check", broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  save, load and continue equals an uninterrupted run  after loading and 4 more steps", result.Output);
        Assert.Contains("FAIL  no native tensor outlives its step", result.Output);
        Assert.Contains("100 more live tensors after 100 steps", result.Output);
        Assert.Contains("FAIL  samples have the data's shape and range              Sample(8) returned [8, 17]; expected [8, 16]", result.Output);
        Assert.Equal(3, result.Output.Split('\n').Count(l => l.Contains("FAIL", StringComparison.Ordinal)));
    }

    [Fact]
    public void PluginsCheckOfAFixtureNamedThroughPluginsPassesOnTheDatasetItIsGiven()
    {
        var result = Host.Run("--plugins", TestPaths.FixturePlugins, "plugins", "check", "gan-fixture", "--dataset", "gaussian-ring");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("samples have the data's shape and range              [8, 2]", result.Output);
    }

    [Fact]
    public void AFolderRegisteredOnceInTheUserConfigurationServesRunsWithoutPlugins()
    {
        using var home = new TempFolder();
        var host = Host;
        host.Environment["XDG_CONFIG_HOME"] = home.Path;
        var experiment = home.Write("gan.yaml", "model: {plugin: gan-fixture}\ndataset: {plugin: gaussian-ring, train_count: 256}\ntraining: {epochs: 1, threads: 1}\n");

        var before = host.Run("validate", experiment);
        var added = host.Run("plugins", "add", TestPaths.FixturePlugins);
        var run = new HostProcess { WorkingDirectory = home.Path, Environment = { ["XDG_CONFIG_HOME"] = home.Path } }.Run("run", experiment);

        Assert.Equal(2, before.ExitCode);
        Assert.Contains("unknown model plugin 'gan-fixture'; available: diffusion, gan, rbm, vae; did you mean 'gan'?; searched: ", before.Error);
        Assert.Contains("(bundled); add its folder with --plugins FOLDER, once for good with `fw plugins add FOLDER`", before.Error);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains(TestPaths.FixturePlugins, File.ReadAllText(Path.Combine(home.Path, "framework", "config.json")));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("FINISHED", run.Output);
        Assert.Equal(0, host.Run("plugins", "remove", TestPaths.FixturePlugins).ExitCode);
        Assert.Equal(2, host.Run("validate", experiment).ExitCode);
    }

    [Fact]
    public void AFolderOfAssembliesWithoutAManifestIsReportedNotSkippedSilently()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(TestPaths.FixturePlugins, "FixtureGan", "FixtureGan.dll"), Path.Combine(folder.Path, "FixtureGan.dll"));

        var result = Host.Run("--plugins", folder.Path, "plugins", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{folder.Path} holds assemblies (FixtureGan.dll) but no plugin.json, so nothing in it was loaded", result.Output);
        Assert.Contains($"{folder.Path} (--plugins)", result.Output);
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
