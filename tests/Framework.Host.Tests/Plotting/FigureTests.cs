using Framework.Host.Plotting;
using SkiaSharp;

namespace Framework.Host.Tests.Plotting;

public sealed class FigureTests
{
    [Fact]
    public void TextIsDrawnInTheFiguresFontWhichTheSystemMustHave()
    {
        // SkiaSharp's NoDependencies build draws text only with fonts the system has: without Debian's
        // fonts-dejavu-core every title and label of every PNG would be blank.
        using var typeface = SKFontManager.Default.MatchFamily(Figure.FontName);
        Assert.True(typeface is not null, $"font '{Figure.FontName}' missing: apt-get install fonts-dejavu-core");

        var plot = Figure.NewPlot("A title of some length", "x", "y");
        var figure = Figure.Of(plot, 400, 200);

        // Above the frame of the axes, the only ink is the title's.
        using var bitmap = Pictures.Decode(figure.Png);
        var ink = 0;
        for (var y = 0; y < 25; y++)
            for (var x = 0; x < bitmap.Width; x++)
                ink += bitmap.GetPixel(x, y).Red < 100 ? 1 : 0;
        Assert.True(ink > 100, $"the title was not drawn ({ink} dark pixels)");
        Assert.Contains("A title of some length", Pictures.SvgTexts(figure.Svg));
        Assert.Contains($"font-family=\"{Figure.FontName}\"", figure.Svg, StringComparison.Ordinal);
    }
}
