using Framework.Testing.Conformance;

namespace Framework.Testing.Tests;

public sealed class ModelConformanceTests
{
    [Theory]
    [InlineData("rbm")]
    [InlineData("vae")]
    [InlineData("gan-fixture")]
    [InlineData("diffusion-fixture")]
    public void EveryBundledAndFixtureModelPassesEveryCheck(string name)
    {
        using var data = TestData.Binary();

        var report = ModelConformance.Check(Plugins.Model(name), data);

        Assert.True(report.Passed, report.ToTable());
        Assert.Equal(11, report.Results.Count);
        Assert.Equal(10, report.Results.Count(r => r.Outcome == CheckOutcome.Passed));  // the manifest is checked from a folder only
    }

    [Theory]
    [InlineData("forgetful-fixture", "save, load and continue equals an uninterrupted run", "parameter bytes differ")]
    [InlineData("leaky-fixture", "no native tensor outlives its step", "100 more live tensors after 100 steps")]
    [InlineData("misshapen-fixture", "samples have the data's shape and range", "Sample(8) returned [8, 17]; expected [8, 16]")]
    public void EachBrokenFixtureFailsTheCheckOfWhatItBreaksAndOnlyThat(string name, string check, string reason)
    {
        using var data = TestData.Binary();

        var report = ModelConformance.Check(Plugins.Model(name), data);

        var failed = Assert.Single(report.Results, r => r.Outcome == CheckOutcome.Failed);
        Assert.Equal(check, failed.Check);
        Assert.Contains(reason, failed.Detail);
        Assert.Contains("FAIL", report.ToTable());
        Assert.Throws<ConformanceException>(report.ThrowIfFailed);
    }
}
