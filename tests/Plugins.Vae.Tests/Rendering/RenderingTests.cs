using Framework.Plugins.Vae.Rendering;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Rendering;

public sealed class RenderingTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.2)]
    [InlineData(243.7, 281.2, 10.0)]
    [InlineData(-3.2, 2.9, 2.0)]
    [InlineData(0.0, 10.0, 2.0)]
    public void AxisTicksAreRoundStepsThatCoverTheData(double low, double high, double step)
    {
        var ticks = AxisTicks.Cover(low, high);

        Assert.Equal(step, ticks.Step, 9);
        Assert.True(ticks.Minimum <= low && ticks.Maximum >= high);
        Assert.All(ticks.Values, v => Assert.Equal(Math.Round(v / step) * step, v, 9));
    }

    [Fact]
    public void TickLabelsShowAsManyDecimalsAsTheStepNeeds()
    {
        Assert.Equal("0.4", AxisTicks.Cover(0, 1).Format(0.4));
        Assert.Equal("250", AxisTicks.Cover(243.7, 281.2).Format(250));
        Assert.Equal("-2", AxisTicks.Cover(-3.2, 2.9).Format(-2));
    }

    [Fact]
    public void TextIsDrawnFromTheFontsGlyphs()
    {
        var canvas = new Canvas(20, 10, Rgb.White);

        canvas.DrawText(1, 1, "1", Rgb.Black);

        // Exactly the glyph's set bits become black pixels.
        var expected = BitmapFont.Glyph('1').ToArray().Sum(row => System.Numerics.BitOperations.PopCount(row));
        var black = 0;
        for (var y = 0; y < 10; y++)
        for (var x = 0; x < 20; x++)
            black += canvas[x, y] == Rgb.Black ? 1 : 0;
        Assert.Equal(expected, black);
        Assert.Equal(Rgb.Black, canvas[3, 1]); // the top of the 1's stem
    }

    [Fact]
    public void ALineChartDrawsEachSeriesInItsPaletteColour()
    {
        var series = new[]
        {
            new PlotSeries("TRAIN", [(1, 300.0), (2, 260.0), (3, 250.0)]),
            new PlotSeries("TEST", [(1, 290.0), (2, 262.0), (3, 255.0)]),
        };

        var canvas = LineChart.Render("LOSS", "EPOCH", "NATS", series);

        using var scope = NewDisposeScope();
        var image = canvas.ToTensor();
        Assert.Equal(new long[] { 1, 3, canvas.Height, canvas.Width }, image.shape);
        for (var i = 0; i < series.Length; i++)
        {
            var colour = Palette.Colour(i);
            var target = tensor(new[] { colour.R, colour.G, colour.B }).reshape(1, 3, 1, 1);
            Assert.True((image - target).abs().amax([1]).lt(1e-4f).sum().item<long>() > 50, $"series {i} is not drawn");
        }
    }
}
