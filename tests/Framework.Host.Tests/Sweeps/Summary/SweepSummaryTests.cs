using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Summary;
using Framework.Host.Tests.Plotting;
using Framework.Host.Tracking;

namespace Framework.Host.Tests.Sweeps.Summary;

public sealed class SweepSummaryTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    private SweepPlan Plan(string extra = "") => _files.ValidPlan(SweepFiles.WithSweep($"""
          parameters:
            model.hidden: [8, 16]
          repeats: 3
        {extra}
        """));

    /// <summary>Trial states as the store would report them: the given status and final metrics per trial.</summary>
    private static List<TrialState> States(SweepPlan plan, Func<int, (RunStatus? Status, Dictionary<string, double> Metrics)> of) =>
        plan.Trials.Select(t =>
        {
            var (status, metrics) = of(t.Index);
            var run = status is { } s ? new RunInfo($"run{t.Index:D2}".PadRight(32, '0'), "1", $"t{t.Index}", "/a", s, 0, null, "ada") : null;
            var tags = status == RunStatus.Failed ? new Dictionary<string, string> { [MlflowTagKeys.Error] = "TrainingDivergedException: train/loss became NaN at step 4" } : new();
            return new TrialState(t.Index, t.Id, run is null ? 0 : 1, run, tags, metrics);
        }).ToList();

    [Fact]
    public void EachConfigurationGetsTheMeanAndSampleStandardDeviationOverItsFinishedSeeds()
    {
        var plan = Plan();
        // hidden=8: -5, -6, -7 (all finished); hidden=16: -3, -4 finished, the third failed.
        double[] values = [-5, -6, -7, -3, -4, double.NaN];
        var summary = SweepSummary.Compute(plan, States(plan, i => i == 5
            ? (RunStatus.Failed, new())
            : (RunStatus.Finished, new() { ["test/loglik"] = values[i], ["train/loss"] = i })));

        Assert.Equal(("test/loglik", true), (summary.Metric, summary.Maximize));
        var (small, large) = (summary.Configurations[0], summary.Configurations[1]);
        Assert.Equal([new("model.hidden", "8")], small.Values);
        Assert.Equal((-6.0, 1.0, 3), (small.Metrics["test/loglik"].Mean, small.Metrics["test/loglik"].StandardDeviation!.Value, small.Metrics["test/loglik"].Count));
        Assert.Equal(-3.5, large.Metrics["test/loglik"].Mean, 12);
        Assert.Equal(Math.Sqrt(0.5), large.Metrics["test/loglik"].StandardDeviation!.Value, 12);
        Assert.Equal((2, 3), (large.Finished, large.Trials.Count));
        Assert.Equal(3, summary.Best!.Trial.Index);
        Assert.False(summary.AllFinished);
        Assert.Equal(new Dictionary<string, int> { ["FAILED"] = 1, ["FINISHED"] = 5 }, summary.StateCounts);
    }

    [Fact]
    public void ANamedMetricToMinimiseRanksTheLowestBest()
    {
        var plan = Plan("  metric: train/loss\n  goal: minimize");
        var summary = SweepSummary.Compute(plan, States(plan, i => (RunStatus.Finished, new() { ["train/loss"] = 10 - i })));

        Assert.Equal(("train/loss", false), (summary.Metric, summary.Maximize));
        Assert.Equal(5, summary.Best!.Trial.Index);
    }

    [Fact]
    public void WithoutALogLikelihoodTheDefaultFallsBackToTheTrainingLoss()
    {
        var plan = Plan();
        var summary = SweepSummary.Compute(plan, States(plan, i => (RunStatus.Finished, new() { ["train/loss"] = i })));

        Assert.Equal(("train/loss", false), (summary.Metric, summary.Maximize));
        Assert.Equal(0, summary.Best!.Trial.Index);
    }

    [Fact]
    public void TheTablesPlotAndPrintoutCarryEveryTrialAndConfiguration()
    {
        var plan = Plan();
        var summary = SweepSummary.Compute(plan, States(plan, i => i == 5
            ? (RunStatus.Failed, new())
            : i == 4 ? (null, new()) : (RunStatus.Finished, new() { ["test/loglik"] = -i, ["epoch"] = 20 })));

        string configurations = SummaryCsv.Configurations(summary);
        string trials = SummaryCsv.Trials(summary);
        var plot = SummaryPlot.Render(summary, "a title, with \"quotes\"");
        using var printed = new StringWriter();
        SummaryPrinter.Print(printed, summary);

        var header = configurations.Split("\r\n")[0];
        Assert.Equal("configuration,configuration_id,model.hidden,trials,finished,test/loglik mean,test/loglik std,test/loglik n,epoch mean,epoch std,epoch n", header);
        Assert.Equal(3, configurations.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",FAILED,1,run05", trials, StringComparison.Ordinal);
        Assert.EndsWith(",TrainingDivergedException: train/loss became NaN at step 4", trials.Split("\r\n")[6], StringComparison.Ordinal);
        Assert.Equal(7, trials.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        using (var bitmap = Pictures.Decode(plot.Png))
        {
            Assert.Equal((900, 520), (bitmap.Width, bitmap.Height));
            Assert.True(Pictures.Inked(bitmap, Pictures.Blue) > 50, "no mean ± std drawn");
            Assert.True(Pictures.Inked(bitmap, Pictures.Red) > 20, "no best trial drawn");
        }
        var texts = Pictures.SvgTexts(plot.Svg);
        Assert.Contains("test/loglik (higher is better)", texts);
        Assert.Contains("configuration", texts);
        Assert.Contains("a title, with \"quotes\"", texts);
        string text = printed.ToString();
        Assert.Contains("trial 5 FAILED: TrainingDivergedException", text, StringComparison.Ordinal);
        Assert.Contains("NOT STARTED 1", text, StringComparison.Ordinal);
        Assert.Contains("Best (*): trial 0", text, StringComparison.Ordinal);
    }
}
