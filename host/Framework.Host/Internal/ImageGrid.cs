using SkiaSharp;
using static TorchSharp.torch;

namespace Framework.Host.Internal;

/// <summary>Lays a batch of images out as one PNG: tiles scaled up (nearest neighbour, so pixels stay square and
/// sharp) until the grid is at least <see cref="MinimumWidth"/> pixels wide, with grey lines between them.</summary>
internal static class ImageGrid
{
    /// <summary>The narrowest grid drawn: a 4×4 bars-and-stripes pattern or an 8×8 lattice is visible at this width.</summary>
    public const int MinimumWidth = 256;

    /// <summary>The grey of the lines between tiles, on the 0..1 scale of the tiles.</summary>
    private const float Border = 128 / 255f;

    /// <summary>Renders <paramref name="images"/> as PNG bytes (greyscale for one channel, RGB for three).</summary>
    /// <param name="images"><c>[n,h,w]</c>, <c>[n,c,h,w]</c> (c = 1 or 3) or <c>[n,d]</c> with d square.</param>
    /// <param name="columns">Tiles per row; 0 for a near-square grid.</param>
    /// <param name="min">Value shown black.</param>
    /// <param name="max">Value shown white.</param>
    public static byte[] RenderPng(Tensor images, int columns, double min, double max)
    {
        using var scope = NewDisposeScope();
        var batch = ToNchw(images.detach().cpu().to(float32));
        int n = (int)batch.shape[0], channels = (int)batch.shape[1], height = (int)batch.shape[2], width = (int)batch.shape[3];
        if (n == 0)
            throw new ArgumentException("No images to render.", nameof(images));
        if (max <= min)
            throw new ArgumentException($"max ({max}) must be greater than min ({min}).", nameof(max));

        int cols = columns > 0 ? Math.Min(columns, n) : (int)Math.Ceiling(Math.Sqrt(n));
        int rows = (n + cols - 1) / cols;
        int scale = Math.Max(1, (int)Math.Ceiling((double)MinimumWidth / (cols * width)));
        int line = scale >= 4 ? 2 : 1;
        int tileHeight = height * scale + line, tileWidth = width * scale + line;

        var tiles = ((batch - min) / (max - min)).clamp(0, 1).repeat_interleave(scale, 2).repeat_interleave(scale, 3);
        if (rows * cols > n)
            tiles = cat([tiles, full([rows * cols - n, channels, height * scale, width * scale], Border)]);
        // Each tile gets its line on the right and bottom, the grid one more on the left and top.
        tiles = nn.functional.pad(tiles, [0, line, 0, line], value: Border);
        var grid = tiles.reshape(rows, cols, channels, tileHeight, tileWidth).permute(2, 0, 3, 1, 4)
            .reshape(channels, rows * tileHeight, cols * tileWidth);
        grid = nn.functional.pad(grid, [line, 0, line, 0], value: Border);
        int gridHeight = (int)grid.shape[1], gridWidth = (int)grid.shape[2];

        var bytes = grid.mul(255).round().to(ScalarType.Byte);
        if (channels == 3)
            bytes = cat([bytes, full([1, gridHeight, gridWidth], 255, ScalarType.Byte)]);
        var pixels = bytes.permute(1, 2, 0).contiguous().bytes.ToArray();
        var info = new SKImageInfo(gridWidth, gridHeight, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, pixels, info.RowBytes);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Tensor ToNchw(Tensor images)
    {
        switch (images.dim())
        {
            case 2:
                long side = (long)Math.Round(Math.Sqrt(images.shape[1]));
                if (side * side != images.shape[1])
                    throw new ArgumentException(
                        $"Flat images of {images.shape[1]} values are not square; pass [n, h, w] or [n, c, h, w] instead.");
                return images.reshape(images.shape[0], 1, side, side);
            case 3:
                return images.unsqueeze(1);
            case 4 when images.shape[1] is 1 or 3:
                return images;
            default:
                throw new ArgumentException(
                    $"Cannot render shape [{string.Join(", ", images.shape)}] as images; expected [n,h,w], [n,c,h,w] with c = 1 or 3, or [n,d] with d square.");
        }
    }
}
