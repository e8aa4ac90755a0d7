using static TorchSharp.torch;

namespace Framework.Host.Internal;

/// <summary>Lays a batch of images out as one picture with a one-pixel grey border between tiles.</summary>
internal static class ImageGrid
{
    private const byte Border = 128;

    /// <summary>Renders <paramref name="images"/> as PNG bytes.</summary>
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
        int gridWidth = cols * (width + 1) + 1, gridHeight = rows * (height + 1) + 1;

        var scaled = ((batch - min) / (max - min)).clamp(0, 1).mul(255).round().to(ScalarType.Byte);
        byte[] source = scaled.bytes.ToArray();
        var grid = new byte[gridWidth * gridHeight * channels];
        Array.Fill(grid, Border);
        int tileSize = channels * height * width;
        for (int i = 0; i < n; i++)
        {
            int top = 1 + (i / cols) * (height + 1), left = 1 + (i % cols) * (width + 1);
            for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            for (int c = 0; c < channels; c++)
                grid[((top + y) * gridWidth + left + x) * channels + c] = source[i * tileSize + c * height * width + y * width + x];
        }
        return PngEncoder.Encode(grid, gridWidth, gridHeight, channels);
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
