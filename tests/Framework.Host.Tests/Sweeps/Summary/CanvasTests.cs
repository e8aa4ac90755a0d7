using Framework.Host.Sweeps.Summary;

namespace Framework.Host.Tests.Sweeps.Summary;

public sealed class CanvasTests
{
    [Fact]
    public void TextIsDrawnFromTheGlyphsAndLowerCaseLooksLikeUpperCase()
    {
        var upper = new Canvas(40, 10);
        var lower = new Canvas(40, 10);
        upper.Text(1, 1, "LOG Z", Rgb.Black);
        lower.Text(1, 1, "log z", Rgb.Black);

        int inked = 0;
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                Assert.Equal(upper.Get(x, y), lower.Get(x, y));
                inked += upper.Get(x, y) == Rgb.Black ? 1 : 0;
            }
        }

        // L (11 pixels) + O (16) + G (18) + Z (15) = 60 set pixels in the 5x7 glyphs.
        Assert.Equal(60, inked);
        Assert.Equal(BitmapFont.Advance * 5 - 1, BitmapFont.Width("LOG Z", 1));
    }

    [Fact]
    public void LinesReachBothEndsAndDrawingOutsideTheCanvasIsClipped()
    {
        var canvas = new Canvas(20, 20);
        canvas.Line(2, 3, 15, 11, Rgb.Red);
        canvas.FillCircle(18, 2, 1, Rgb.Blue);
        canvas.Line(-10, 30, 40, 30, Rgb.Blue);

        Assert.Equal(Rgb.Red, canvas.Get(2, 3));
        Assert.Equal(Rgb.Red, canvas.Get(15, 11));
        Assert.Equal(Rgb.Blue, canvas.Get(18, 2));
        Assert.Equal(Rgb.Blue, canvas.Get(19, 2));
        Assert.Equal(new Rgb(255, 255, 255), canvas.Get(19, 19));
    }
}
