using Framework.Host.Sweeps;

namespace Framework.Host.Tests.Sweeps;

public sealed class SweepManifestTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AManifestReadsBackAsWrittenWithEveryTrialsOverridesAndIds()
    {
        var plan = _files.ValidPlan(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
              repeats: 2
            """), "training.epochs=3");
        var manifest = SweepManifest.Of(plan, "sqlite:////tmp/mlflow.db", "exp");
        string path = _files.Write("", "sweep/manifest.json");

        manifest.Write(path);
        var read = SweepManifest.Read(path);

        Assert.Equal((plan.SweepId, "sqlite:////tmp/mlflow.db", "exp", plan.SourcePath), (read.SweepId, read.TrackingUri, read.TrackingExperiment, read.SourcePath));
        Assert.Equal(["training.epochs=3"], read.Overrides);
        Assert.Equal(plan.Trials.Select(t => t.Id), read.Trials.Select(t => t.Id));
        Assert.Equal(["model.hidden=16", "training.seed=6"], read.Trials[3].Overrides);
        Assert.Equal(6, read.Trials[3].Seed);
    }

    [Fact]
    public void AFileThatIsNotAManifestIsRefusedByName()
    {
        string path = _files.Write("{\"Format\": 9, \"Trials\": []}", "other.json");

        var error = Assert.Throws<InvalidDataException>(() => SweepManifest.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("format 9", error.Message, StringComparison.Ordinal);
    }
}
