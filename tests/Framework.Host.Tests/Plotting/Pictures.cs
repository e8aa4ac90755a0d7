using System.Xml.Linq;
using SkiaSharp;

namespace Framework.Host.Tests.Plotting;

/// <summary>Reads back what a plot wrote: the PNG decoded by SkiaSharp, the SVG parsed as XML.</summary>
internal static class Pictures
{
    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG SkiaSharp can decode");

    /// <summary>How many pixels are neither white nor light grey (the background and grid lines): ink of the plot.</summary>
    public static int Inked(SKBitmap bitmap, Func<SKColor, bool>? which = null)
    {
        which ??= c => c.Red + c.Green + c.Blue < 600;
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                count += which(bitmap.GetPixel(x, y)) ? 1 : 0;
        return count;
    }

    /// <summary>Pixels that are clearly blue (the summary's mean ± std, say).</summary>
    public static bool Blue(SKColor c) => c.Blue > 180 && c.Red < 90 && c.Green < 90;

    /// <summary>Pixels that are clearly red (the best trial).</summary>
    public static bool Red(SKColor c) => c.Red > 180 && c.Green < 90 && c.Blue < 90;

    /// <summary>The texts of an SVG document, trimmed (after checking it is well-formed XML with an svg root).</summary>
    public static IReadOnlyList<string> SvgTexts(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        return document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
    }
}
