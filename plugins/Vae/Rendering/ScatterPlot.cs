namespace Framework.Plugins.Vae.Rendering;

/// <summary>Draws 2-D points coloured by class, with a legend of class names: the test set embedded in latent space.</summary>
internal static class ScatterPlot
{
    /// <summary>Renders the points; the axes span the central 99% of the points (plus a margin) so that a few outliers do not squash the cloud.</summary>
    public static Canvas Render(string title, string xLabel, string yLabel, float[] xs, float[] ys, int[]? classes, IReadOnlyList<string>? classNames)
    {
        const int plotSide = 560;
        var legendWidth = classNames is null || classNames.Count == 0 ? 20 : classNames.Max(n => BitmapFont.Width(n)) + 50;
        var canvas = new Canvas(80 + plotSide + legendWidth, 36 + plotSide + 50, Rgb.White);
        var area = new PlotArea(canvas, 80, 36, 80 + plotSide, 36 + plotSide, CentralTicks(xs), CentralTicks(ys));
        area.DrawFrame(title, xLabel, yLabel);

        // Few points are drawn opaque; a dense cloud is translucent so that its density shows.
        var alpha = xs.Length <= 2000 ? 0.9f : 0.45f;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!area.Contains(xs[i], ys[i]))
                continue;
            var colour = classes is null ? Palette.Colour(0) : Palette.Colour(classes[i]);
            canvas.FillDisc(area.PixelX(xs[i]), area.PixelY(ys[i]), 1.6, colour, alpha);
        }

        if (classNames is not null)
        {
            for (var c = 0; c < classNames.Count; c++)
            {
                var y = area.Top + 8 + c * 16;
                canvas.FillDisc(area.Right + 18, y + 3, 4, Palette.Colour(c));
                canvas.DrawText(area.Right + 28, y, classNames[c], Rgb.Black);
            }
        }

        return canvas;
    }

    private static AxisTicks CentralTicks(float[] values)
    {
        if (values.Length == 0)
            return AxisTicks.Cover(-1, 1);
        var sorted = values.Where(float.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return AxisTicks.Cover(-1, 1);
        var low = sorted[(int)(0.005 * (sorted.Length - 1))];
        var high = sorted[(int)Math.Ceiling(0.995 * (sorted.Length - 1))];
        var margin = 0.05 * Math.Max(high - low, 1e-3);
        return AxisTicks.Cover(low - margin, high + margin);
    }
}
