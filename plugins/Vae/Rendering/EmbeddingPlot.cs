using ScottPlot;

namespace Framework.Plugins.Vae.Rendering;

/// <summary>The test set in a 2-D latent space: each example's posterior mean, coloured by its class, with a legend
/// of class names (Kingma and Welling 2014, figure 5).</summary>
internal static class EmbeddingPlot
{
    /// <summary>The class colours: matplotlib's "tab10", which readers of ML papers know.</summary>
    public static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>The axes span the central 99% of the points (plus a margin), so that a few outliers do not squash the cloud.</summary>
    public static Plot Create(float[] xs, float[] ys, int[]? classes, IReadOnlyList<string>? classNames)
    {
        var plot = PlotArtifacts.Create("Test set in latent space", "z₁ (posterior mean)", "z₂ (posterior mean)");
        // Few points are drawn opaque; a dense cloud is translucent so that its density shows.
        var alpha = xs.Length <= 2000 ? 0.9 : 0.45;
        var groups = Enumerable.Range(0, xs.Length).GroupBy(i => classes?[i] ?? 0).OrderBy(g => g.Key);
        foreach (var group in groups)
        {
            var markers = plot.Add.Markers(group.Select(i => (double)xs[i]).ToArray(), group.Select(i => (double)ys[i]).ToArray(),
                MarkerShape.FilledCircle, 4, Palette.GetColor(group.Key).WithAlpha(alpha));
            if (classNames is not null && group.Key >= 0 && group.Key < classNames.Count)
                markers.LegendText = classNames[group.Key];
        }

        var (xLow, xHigh) = CentralRange(xs);
        var (yLow, yHigh) = CentralRange(ys);
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        if (classNames is not null)
        {
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontName = "DejaVu Sans";
        }
        return plot;
    }

    private static (double Low, double High) CentralRange(float[] values)
    {
        var sorted = values.Where(float.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return (-1, 1);
        double low = sorted[(int)(0.005 * (sorted.Length - 1))];
        double high = sorted[(int)Math.Ceiling(0.995 * (sorted.Length - 1))];
        var margin = 0.05 * Math.Max(high - low, 1e-3);
        return (low - margin, high + margin);
    }
}
