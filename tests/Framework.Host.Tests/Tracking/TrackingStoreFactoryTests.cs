using Framework.Host.Experiments;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Tracking;

public sealed class TrackingStoreFactoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private TrackingStoreFactory Factory(Dictionary<string, string>? environment = null) =>
        new(NullLoggerFactory.Instance, name => environment?.GetValueOrDefault(name), _folder.Path);

    [Fact]
    public void WithNothingConfiguredRunsGoToMlflowDbInTheWorkingDirectoryUnderTheExperimentsName()
    {
        var target = Factory().Resolve(new TrackingSettings(), "ising-rbm");

        Assert.Equal(new TrackingTarget("sqlite:///mlflow.db", "default", "ising-rbm", "experiment name"), target);
        using var tracker = Factory().Open(target);
        Assert.True(File.Exists(_folder.File("mlflow.db")));
        Assert.Equal("sqlite:///" + _folder.File("mlflow.db"), tracker.Location);
    }

    [Fact]
    public void TheEnvironmentOverridesTheDefaults()
    {
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:5000", ["MLFLOW_EXPERIMENT_NAME"] = "shared" };

        var target = Factory(environment).Resolve(new TrackingSettings(), "ising-rbm");

        Assert.Equal(new TrackingTarget("http://127.0.0.1:5000", "MLFLOW_TRACKING_URI", "shared", "MLFLOW_EXPERIMENT_NAME"), target);
    }

    [Fact]
    public void TheExperimentFileOverridesTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:5000", ["MLFLOW_EXPERIMENT_NAME"] = "shared" };
        var settings = new TrackingSettings { Uri = "sqlite:////data/runs.db", Experiment = "mine" };

        var target = Factory(environment).Resolve(settings, "ising-rbm");

        Assert.Equal(new TrackingTarget("sqlite:////data/runs.db", "tracking.uri", "mine", "tracking.experiment"), target);
    }

    [Theory]
    [InlineData("./mlruns")]
    [InlineData("file:///tmp/mlruns")]
    [InlineData("postgresql://db/mlflow")]
    [InlineData("databricks")]
    [InlineData("sqlite://")]
    public void AnUnsupportedUriIsRefusedListingTheSupportedOnes(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => Factory().Resolve(new TrackingSettings { Uri = uri }, "x"));

        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeprecatedFileStoreIsNamedAsSuchInTheError()
    {
        var error = Assert.Throws<ArgumentException>(() => Factory().Resolve(new TrackingSettings { Uri = "./mlruns" }, "x"));

        Assert.Contains("deprecated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteUrisFollowSqlAlchemysThreeAndFourSlashConvention()
    {
        Assert.Equal(Path.Combine(_folder.Path, "sub", "m.db"), TrackingUri.SqlitePath("sqlite:///sub/m.db", _folder.Path));
        Assert.Equal("/data/m.db", TrackingUri.SqlitePath("sqlite:////data/m.db", _folder.Path));
    }
}
