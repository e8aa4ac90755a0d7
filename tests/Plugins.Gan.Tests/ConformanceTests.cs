using Framework.Contracts.Data;
using Framework.Plugins.Gan.Tests.Support;
using Framework.Testing;
using Framework.Testing.Conformance;
using Framework.Training.Options;

namespace Framework.Plugins.Gan.Tests;

/// <summary>The checks of <c>fw plugins check gan</c> on each architecture and loss, on data each one fits.</summary>
public sealed class ConformanceTests
{
    [Fact]
    public void TheDefaultMlpPassesEveryCheckOnTheKitsBinaryData()
    {
        using var data = TestData.Binary();

        var report = ModelConformance.Check(Gans.Plugin, data);

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void TheDcganPassesEveryCheckOnSmallImages()
    {
        using var data = Gans.Images();
        var options = new GanOptions { Architecture = GanArchitecture.Dcgan, LatentDim = 8, EvalSamples = 32 };

        var report = ModelConformance.Check(Gans.Plugin, data, new ConformanceSettings { Options = options, LeakSteps = 20 });

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void TheHingeMlpWithACategoricalCodeOnSpinLatticesPassesEveryCheck()
    {
        using var data = Gans.Spins();
        var options = new GanOptions { Loss = GanLoss.Hinge, Hidden = [32, 16], LatentCategories = 2 };

        var report = ModelConformance.Check(Gans.Plugin, data, new ConformanceSettings { Options = options });

        Assert.True(report.Passed, report.ToTable());
    }

    [Fact]
    public void AnAveragedWganGpDcganWithRecalibratedStatisticsPassesEveryCheck()
    {
        // The critic's gradient penalty, the host's weight average and batch norm recalibrated for it, all at once.
        using var data = Gans.Images();
        var options = new GanOptions
        {
            Architecture = GanArchitecture.Dcgan, Loss = GanLoss.WganGp, CriticSteps = 2, LatentDim = 8, EvalSamples = 32,
            BatchnormStatistics = BatchNormStatistics.Recalibrated, RecalibrationSamples = 64,
        };
        var run = new TestRunSettings { BatchSize = 8, Optimizer = Gans.ReferenceAdam, Ema = new EmaOptions { Decay = 0.9 } };

        var report = ModelConformance.Check(Gans.Plugin, data, new ConformanceSettings { Options = options, Run = run, LeakSteps = 20 });

        Assert.True(report.Passed, report.ToTable());
    }
}
