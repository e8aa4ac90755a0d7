using Framework.Plugins.Ising;
using Framework.Testing.Conformance;

namespace Framework.Testing.Tests;

public sealed class DatasetConformanceTests
{
    [Fact]
    public void BarsAndStripesPassesEveryCheck()
    {
        var report = DatasetConformance.Check(Plugins.Dataset("bars-and-stripes"));

        Assert.True(report.Passed, report.ToTable());
        Assert.Contains(report.Results, r => r.Check == "observables follow the naming rules" && r.Outcome == CheckOutcome.Passed);
    }

    [Fact]
    public void TheIsingGeneratorPassesEveryCheck()
    {
        var options = new IsingOptions { Size = 4, TrainSamples = 200, TestSamples = 50, ThermalizationSweeps = 50 };

        var report = DatasetConformance.Check(Plugins.Dataset("ising2d"), new ConformanceSettings { Options = options });

        Assert.True(report.Passed, report.ToTable());
    }
}
