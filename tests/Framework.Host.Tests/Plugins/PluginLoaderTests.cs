using Autofac;
using Framework.Host.Plugins;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Plugins;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly IContainer _container = new ContainerBuilder().Build();
    private readonly ListLogger<PluginLoader> _logger = new();

    public void Dispose() => _container.Dispose();

    private PluginCatalog LoadFixtures() => new PluginLoader(_container, _logger).LoadAll([TestPaths.FixturePlugins]);

    [Fact]
    public void WhenAPluginTargetsNewerContractsItIsRejectedWithoutRunningItsCode()
    {
        var catalog = LoadFixtures();

        var rejection = Assert.Single(catalog.Rejected, r => r.Name == "FixtureIncompatible");
        Assert.Equal(PluginRejectionKind.IncompatibleContracts, rejection.Kind);
        Assert.Contains("built for contracts 3.0", rejection.Reason);
        Assert.Contains("rebuild the plugin", rejection.Reason);
    }

    [Fact]
    public void APluginBuiltForContractsOneIsRefusedSayingWhatContractsTwoChanged()
    {
        using var folder = new TempFolder();
        var copy = Directory.CreateDirectory(Path.Combine(folder.Path, "FixtureGan")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.FixturePlugins, "FixtureGan")))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var manifest = Path.Combine(copy, "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"contractsVersion\": \"2.0\"", "\"contractsVersion\": \"1.2\"", StringComparison.Ordinal));

        var catalog = new PluginLoader(_container, _logger).LoadAll([folder.Path]);

        var rejection = Assert.Single(catalog.Rejected);
        Assert.Equal(PluginRejectionKind.IncompatibleContracts, rejection.Kind);
        Assert.Contains("built for contracts 1.2", rejection.Reason);
        Assert.Contains("IModelContext.Optimizers", rejection.Reason);
        Assert.Empty(catalog.Loaded);
    }

    [Fact]
    public void WhenAPluginDependencyIsMissingItIsRejectedNamingTheFile()
    {
        var catalog = LoadFixtures();

        var rejection = Assert.Single(catalog.Rejected, r => r.Name == "FixtureMissingDependency");
        Assert.Equal(PluginRejectionKind.MissingDependency, rejection.Kind);
        Assert.Contains("FixtureDependency", rejection.Reason);
        Assert.Null(catalog.FindDataset("greeting"));
    }

    [Fact]
    public void WhenAPluginRegistrationThrowsItIsRejectedWithTheError()
    {
        var catalog = LoadFixtures();

        var rejection = Assert.Single(catalog.Rejected, r => r.Name == "FixtureThrowing");
        Assert.Equal(PluginRejectionKind.Malfunctioned, rejection.Kind);
        Assert.Contains("fixture registration fails on purpose", rejection.Reason);
    }

    [Fact]
    public void WhenSomePluginsAreBrokenTheOthersStillLoadAndWork()
    {
        var catalog = LoadFixtures();

        Assert.Equal(["FixtureBroken", "FixtureDiffusion", "FixtureGan", "FixtureObjective"], catalog.Loaded.Select(p => p.Manifest.Name).Order());
        Assert.NotNull(catalog.FindModel("gan-fixture"));
        Assert.NotNull(catalog.FindModel("DIFFUSION-FIXTURE"));
        Assert.NotNull(catalog.FindDataset("gaussian-ring"));
        Assert.Equal(3, catalog.Rejected.Count);
        Assert.Equal(3, _logger.Entries.Count(e => e.Id.Id == 1002));
    }

    [Fact]
    public void PluginsShareTheHostsContractsAndTorchSharpAssemblies()
    {
        var catalog = LoadFixtures();
        var gan = catalog.FindModel("gan-fixture")!;

        // The plugin's own type lives in its load context, but the interface it implements is the host's one.
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default,
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(gan.GetType().Assembly));
        Assert.IsAssignableFrom<Framework.Contracts.Models.IModelPlugin>(gan);
        var pluginTorch = gan.GetType().Assembly.GetReferencedAssemblies().Single(a => a.Name == "TorchSharp");
        Assert.Same(typeof(TorchSharp.torch).Assembly,
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(gan.GetType().Assembly)!.LoadFromAssemblyName(pluginTorch));
    }

    [Fact]
    public void AFolderWithoutManifestIsReportedAndAMissingRootIsNotFatal()
    {
        string root = Directory.CreateTempSubdirectory("fw-plugins-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "NoManifest"));
            var catalog = new PluginLoader(_container, _logger).LoadAll([root, Path.Combine(root, "does-not-exist")]);

            var rejection = Assert.Single(catalog.Rejected);
            Assert.Equal(PluginRejectionKind.InvalidManifest, rejection.Kind);
            Assert.Contains("plugin.json", rejection.Reason);
            Assert.Contains(_logger.Entries, e => e.Id.Id == 1003);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
