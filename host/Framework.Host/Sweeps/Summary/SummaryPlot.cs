using System.Globalization;
using Framework.Host.Plotting;
using ScottPlot;

namespace Framework.Host.Sweeps.Summary;

/// <summary>
/// The summary plot: for each configuration (x, numbered as in the tables) the ranking metric of each seed repeat as
/// a grey dot, their mean with ±1 sample standard deviation as a blue error bar, and the best trial in red.
/// </summary>
internal static class SummaryPlot
{
    /// <summary>Configurations up to this many get their swept values under their number on the x axis.</summary>
    private const int LabelledConfigurations = 12;

    public static Figure Render(SweepSummary summary, string title)
    {
        var goal = summary.Maximize ? "higher is better" : "lower is better";
        var plot = Figure.NewPlot(title, "configuration", $"{summary.Metric} ({goal})");
        var configurations = summary.Configurations;
        plot.Axes.SetLimitsX(0.4, configurations.Count + 0.6);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            configurations.Select(c => (double)c.Number).ToArray(), configurations.Select(c => TickLabel(c, configurations.Count)).ToArray());

        var points = configurations.SelectMany(c => Spread(c.Number, c.Trials.Where(t => t.Value is not null).ToList())).ToList();
        if (points.Count == 0)
        {
            plot.Add.Annotation($"no finished trial logged {summary.Metric}");
            return Figure.Of(plot, 900, 520);
        }

        var repeats = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Trial.Value!.Value).ToArray(),
            MarkerShape.FilledCircle, 7, Colors.Gray.WithAlpha(0.8));
        repeats.LegendText = "trial (one seed)";

        var withMean = configurations.Where(c => c.Metrics.ContainsKey(summary.Metric)).ToList();
        var xs = withMean.Select(c => (double)c.Number).ToArray();
        var means = withMean.Select(c => c.Metrics[summary.Metric].Mean).ToArray();
        var errors = plot.Add.ErrorBar(xs, means, withMean.Select(c => c.Metrics[summary.Metric].StandardDeviation ?? 0).ToArray());
        errors.Color = Colors.Blue;
        errors.LineWidth = 2;
        errors.CapSize = 10;
        var mean = plot.Add.Markers(xs, means, MarkerShape.HorizontalBar, 22, Colors.Blue);
        mean.MarkerLineWidth = 3;
        mean.LegendText = "mean ± std over seeds";

        if (points.FirstOrDefault(p => ReferenceEquals(p.Trial, summary.Best)) is { Trial: not null } best)
        {
            var marker = plot.Add.Marker(best.X, best.Trial.Value!.Value, MarkerShape.FilledCircle, 11, Colors.Red);
            marker.LegendText = $"best: trial {best.Trial.Trial.Index}";
        }

        // Beside the plot, where it hides no point (the best one is at the top or the bottom).
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontName = Figure.FontName;
        return Figure.Of(plot, 900, 520);
    }

    /// <summary>The repeats of one configuration side by side around its x, so equal values stay visible.</summary>
    private static IEnumerable<(double X, TrialRow Trial)> Spread(int number, IReadOnlyList<TrialRow> repeats)
    {
        double width = Math.Min(0.08, 0.3 / Math.Max(1, repeats.Count));
        return repeats.Select((t, i) => (number + (i - (repeats.Count - 1) / 2.0) * width, t));
    }

    /// <summary>The configuration's number, and under it its swept values (last key segment) when few configurations fit.</summary>
    private static string TickLabel(ConfigurationRow configuration, int count)
    {
        var number = configuration.Number.ToString(CultureInfo.InvariantCulture);
        if (count > LabelledConfigurations || configuration.Values.Count == 0)
            return number;
        return number + "\n" + string.Join("\n", configuration.Values.Select(v => $"{v.Key[(v.Key.LastIndexOf('.') + 1)..]}={v.Value}"));
    }
}
