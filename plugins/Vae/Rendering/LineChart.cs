namespace Framework.Plugins.Vae.Rendering;

/// <summary>Draws curves (training loss, test -ELBO) against a common x axis, with a legend.</summary>
internal static class LineChart
{
    public static Canvas Render(string title, string xLabel, string yLabel, IReadOnlyList<PlotSeries> series, int width = 720, int height = 440)
    {
        var canvas = new Canvas(width, height, Rgb.White);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xTicks = points.Count == 0 ? AxisTicks.Cover(0, 1) : AxisTicks.Cover(points.Min(p => p.X), points.Max(p => p.X));
        var yTicks = points.Count == 0 ? AxisTicks.Cover(0, 1) : AxisTicks.Cover(points.Min(p => p.Y), points.Max(p => p.Y));
        var area = new PlotArea(canvas, left: 80, top: 36, right: width - 20, bottom: height - 50, xTicks, yTicks);
        area.DrawFrame(title, xLabel, yLabel);

        for (var i = 0; i < series.Count; i++)
        {
            var colour = Palette.Colour(i);
            var line = series[i].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            for (var j = 1; j < line.Count; j++)
                canvas.DrawLine(area.PixelX(line[j - 1].X), area.PixelY(line[j - 1].Y), area.PixelX(line[j].X), area.PixelY(line[j].Y), colour, thickness: 2);
            foreach (var (x, y) in line)
                canvas.FillDisc(area.PixelX(x), area.PixelY(y), 2.5, colour);
        }

        DrawLegend(canvas, area, series);
        return canvas;
    }

    private static void DrawLegend(Canvas canvas, PlotArea area, IReadOnlyList<PlotSeries> series)
    {
        var widest = series.Count == 0 ? 0 : series.Max(s => BitmapFont.Width(s.Name));
        var left = area.Right - widest - 40;
        var top = area.Top + 8;
        canvas.FillRectangle(left - 6, top - 6, widest + 40, series.Count * 14 + 8, Rgb.White);
        for (var i = 0; i < series.Count; i++)
        {
            var y = top + i * 14 + BitmapFont.GlyphHeight / 2;
            canvas.DrawLine(left, y, left + 20, y, Palette.Colour(i), thickness: 2);
            canvas.DrawText(left + 26, top + i * 14, series[i].Name, Rgb.Black);
        }
    }
}
