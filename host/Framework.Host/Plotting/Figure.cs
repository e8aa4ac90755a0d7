using ScottPlot;
using SkiaSharp;

namespace Framework.Host.Plotting;

/// <summary>A drawn plot as PNG (what MLflow's UI shows) and SVG (what goes into a paper), written side by side.</summary>
/// <param name="Png">The PNG file's bytes.</param>
/// <param name="Svg">The SVG file's text.</param>
internal sealed record Figure(byte[] Png, string Svg)
{
    /// <summary>The font of every figure: DejaVu Sans (Debian's fonts-dejavu-core) reads well at small sizes.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>Draws one plot at the given size in pixels.</summary>
    public static Figure Of(Plot plot, int width, int height) =>
        new(plot.GetImageBytes(width, height, ImageFormat.Png), plot.GetSvgXml(width, height));

    /// <summary>Draws several plots laid out by <paramref name="multiplot"/>'s layout (panels of one figure).</summary>
    public static Figure Of(Multiplot multiplot, int width, int height)
    {
        var rect = new PixelRect(0, width, height, 0);
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("SkiaSharp could not allocate a surface.");
        surface.Canvas.Clear(SKColors.White);
        multiplot.Render(surface.Canvas, rect);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);

        using var svg = new MemoryStream();
        using (var managed = new SKManagedWStream(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), managed))
        {
            canvas.Clear(SKColors.White);
            multiplot.Render(canvas, rect);
        }
        return new Figure(png.ToArray(), System.Text.Encoding.UTF8.GetString(svg.ToArray()));
    }

    /// <summary>A plot with the project's look: the figure font, a title and labelled axes (name the units).</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }

    /// <summary>Writes <paramref name="pngPath"/> and the SVG beside it (same name, .svg); returns both paths.</summary>
    public IReadOnlyList<string> Write(string pngPath)
    {
        var svgPath = Path.ChangeExtension(pngPath, ".svg");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        File.WriteAllBytes(pngPath, Png);
        File.WriteAllText(svgPath, Svg);
        return [pngPath, svgPath];
    }
}
