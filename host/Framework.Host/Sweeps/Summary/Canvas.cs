using Framework.Host.Internal;

namespace Framework.Host.Sweeps.Summary;

/// <summary>An RGB raster with the few drawing operations a chart needs; encoded with the host's own PNG writer.</summary>
internal sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        Array.Fill(_pixels, (byte)255);
    }

    public int Width { get; }

    public int Height { get; }

    public void Set(int x, int y, Rgb color)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
            return;
        int offset = (y * Width + x) * 3;
        _pixels[offset] = color.R;
        _pixels[offset + 1] = color.G;
        _pixels[offset + 2] = color.B;
    }

    public Rgb Get(int x, int y)
    {
        int offset = (y * Width + x) * 3;
        return new Rgb(_pixels[offset], _pixels[offset + 1], _pixels[offset + 2]);
    }

    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        for (int row = y; row < y + height; row++)
        {
            for (int column = x; column < x + width; column++)
                Set(column, row, color);
        }
    }

    /// <summary>A straight line (Bresenham), <paramref name="thickness"/> pixels wide.</summary>
    public void Line(int x0, int y0, int x1, int y1, Rgb color, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int half = (thickness - 1) / 2;
        while (true)
        {
            FillRectangle(x0 - half, y0 - half, thickness, thickness, color);
            if (x0 == x1 && y0 == y1)
                return;
            int doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    public void FillCircle(int cx, int cy, int radius, Rgb color)
    {
        for (int y = -radius; y <= radius; y++)
        {
            for (int x = -radius; x <= radius; x++)
            {
                if (x * x + y * y <= radius * radius)
                    Set(cx + x, cy + y, color);
            }
        }
    }

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void Text(int x, int y, string text, Rgb color, int scale = 1)
    {
        for (int i = 0; i < text.Length; i++)
        {
            int left = x + i * BitmapFont.Advance * scale;
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if (BitmapFont.IsSet(text[i], column, row))
                        FillRectangle(left + column * scale, y + row * scale, scale, scale, color);
                }
            }
        }
    }

    public byte[] EncodePng() => PngEncoder.Encode(_pixels, Width, Height, 3);
}
