using Framework.Host.Internal;
using SkiaSharp;
using static TorchSharp.torch;

namespace Framework.Host.Tests.Plotting;

public sealed class ImageGridTests
{
    [Fact]
    public void SmallLatticesAreScaledUpToAtLeast256PixelsWithGreyLinesBetweenTiles()
    {
        using var scope = NewDisposeScope();
        // Five 4x4 tiles in a 3-column grid: tile i is all i/4 grey, except a white pixel at its top left.
        var images = arange(5, dtype: float32).div(4).reshape(5, 1, 1, 1).expand(5, 1, 4, 4).clone();
        images[.., 0, 0, 0] = tensor(1f);

        using var bitmap = Pictures.Decode(ImageGrid.RenderPng(images, columns: 3, min: 0, max: 1));

        // 3 tiles of 4 px need scale 22 (88 px) to reach 256; lines are 2 px at that scale: 3 * (88 + 2) + 2.
        Assert.Equal((272, 2 * 90 + 2), (bitmap.Width, bitmap.Height));
        SKColor Grey(int v) => new((byte)v, (byte)v, (byte)v);
        Assert.Equal(Grey(128), bitmap.GetPixel(0, 0));
        Assert.Equal(Grey(128), bitmap.GetPixel(1, 50));
        Assert.Equal(Grey(128), bitmap.GetPixel(90, 50)); // the line between tiles 0 and 1
        Assert.Equal(Grey(128), bitmap.GetPixel(91, 50));
        Assert.Equal(Grey(128), bitmap.GetPixel(50, 90)); // between rows
        Assert.Equal(Grey(255), bitmap.GetPixel(2, 2)); // tile 0's white pixel, scaled to 22x22
        Assert.Equal(Grey(255), bitmap.GetPixel(23, 23));
        Assert.Equal(Grey(0), bitmap.GetPixel(24, 24)); // tile 0 is black elsewhere
        Assert.Equal(Grey(64), bitmap.GetPixel(92 + 30, 30)); // tile 1 = 0.25
        Assert.Equal(Grey(191), bitmap.GetPixel(2 + 30, 92 + 30)); // tile 3 = 0.75, second row
        Assert.Equal(Grey(128), bitmap.GetPixel(2 + 2 * 90 + 30, 92 + 30)); // the empty sixth cell
    }

    [Fact]
    public void ImagesWideEnoughAlreadyKeepTheirSizeAndRgbStaysRgb()
    {
        using var scope = NewDisposeScope();
        var images = zeros(4, 3, 130, 130);
        images[.., 0] = tensor(1f); // red

        using var bitmap = Pictures.Decode(ImageGrid.RenderPng(images, columns: 0, min: 0, max: 1));

        Assert.Equal((2 * 131 + 1, 2 * 131 + 1), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(255, 0, 0), bitmap.GetPixel(50, 50));
        Assert.Equal(new SKColor(128, 128, 128), bitmap.GetPixel(131, 50));
    }
}
