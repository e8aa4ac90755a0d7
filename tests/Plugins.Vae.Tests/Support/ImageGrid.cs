using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>Lays images out in a grid of RGB bytes, as the contract of <c>IArtifactSink.LogImageGrid</c> describes.</summary>
internal static class ImageGrid
{
    public static (int Width, int Height, byte[] Rgb) Render(Tensor images, int columns, double min, double max)
    {
        using var scope = NewDisposeScope();
        var x = images;
        if (x.dim() == 2)
        {
            var side = (long)Math.Round(Math.Sqrt(x.shape[1]));
            x = x.reshape(x.shape[0], 1, side, side);
        }
        else if (x.dim() == 3)
        {
            x = x.unsqueeze(1);
        }

        if (x.shape[1] == 1)
            x = x.expand(-1, 3, -1, -1);
        var (n, h, w) = ((int)x.shape[0], (int)x.shape[2], (int)x.shape[3]);
        var cols = columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(n));
        var rows = (n + cols - 1) / cols;
        var gap = n == 1 ? 0 : 2;
        var width = cols * w + (cols + 1) * gap;
        var height = rows * h + (rows + 1) * gap;
        var values = x.sub(min).div_(max - min).clamp_(0, 1).mul_(255).round_().to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)128);
        for (var i = 0; i < n; i++)
        {
            var (top, left) = (gap + i / cols * (h + gap), gap + i % cols * (w + gap));
            for (var c = 0; c < 3; c++)
            for (var y = 0; y < h; y++)
            for (var xx = 0; xx < w; xx++)
                rgb[((top + y) * width + left + xx) * 3 + c] = values[((i * 3 + c) * h + y) * w + xx];
        }

        return (width, height, rgb);
    }
}
