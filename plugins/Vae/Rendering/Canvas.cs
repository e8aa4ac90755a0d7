using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Rendering;

/// <summary>A small RGB raster to draw plots on, handed to the artifact sink as a <c>[1, 3, height, width]</c> image.</summary>
/// <remarks>
/// No plotting library is on our package mirror, and a few primitives (blended pixels, lines, discs, 5x7 text) are
/// all that loss curves and latent scatter plots need. Pixels are stored planar, as the tensor wants them.
/// </remarks>
internal sealed class Canvas
{
    private readonly float[] _pixels;

    public Canvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _pixels = new float[3 * width * height];
        FillRectangle(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The colour at a pixel.</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            var i = y * Width + x;
            var plane = Width * Height;
            return new Rgb(_pixels[i], _pixels[plane + i], _pixels[2 * plane + i]);
        }
    }

    /// <summary>Mixes <paramref name="colour"/> into a pixel with opacity <paramref name="alpha"/>; pixels outside are ignored.</summary>
    public void Blend(int x, int y, Rgb colour, float alpha = 1)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            return;
        var i = y * Width + x;
        var plane = Width * Height;
        _pixels[i] += alpha * (colour.R - _pixels[i]);
        _pixels[plane + i] += alpha * (colour.G - _pixels[plane + i]);
        _pixels[2 * plane + i] += alpha * (colour.B - _pixels[2 * plane + i]);
    }

    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        for (var row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
        for (var column = Math.Max(0, x); column < Math.Min(Width, x + width); column++)
            Blend(column, row, colour);
    }

    /// <summary>A straight line (Bresenham), <paramref name="thickness"/> pixels wide.</summary>
    public void DrawLine(double fromX, double fromY, double toX, double toY, Rgb colour, int thickness = 1)
    {
        int x0 = (int)Math.Round(fromX), y0 = (int)Math.Round(fromY), x1 = (int)Math.Round(toX), y1 = (int)Math.Round(toY);
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        var offset = (thickness - 1) / 2;
        while (true)
        {
            for (var i = 0; i < thickness; i++)
            for (var j = 0; j < thickness; j++)
                Blend(x0 + i - offset, y0 + j - offset, colour);
            if (x0 == x1 && y0 == y1)
                return;
            var twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>A filled disc, translucent with <paramref name="alpha"/> &lt; 1 so that dense clouds of points stay readable.</summary>
    public void FillDisc(double centreX, double centreY, double radius, Rgb colour, float alpha = 1)
    {
        var reach = (int)Math.Ceiling(radius);
        int cx = (int)Math.Round(centreX), cy = (int)Math.Round(centreY);
        for (var y = -reach; y <= reach; y++)
        for (var x = -reach; x <= reach; x++)
        {
            if (x * x + y * y <= radius * radius + 0.25)
                Blend(cx + x, cy + y, colour, alpha);
        }
    }

    /// <summary>Text with its top-left corner at (x, y), each font pixel drawn as a <paramref name="scale"/>-pixel square.</summary>
    public void DrawText(int x, int y, string text, Rgb colour, int scale = 1)
    {
        foreach (var character in text)
        {
            var rows = BitmapFont.Glyph(character);
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            for (var column = 0; column < BitmapFont.GlyphWidth; column++)
            {
                if ((rows[row] & (1 << (BitmapFont.GlyphWidth - 1 - column))) != 0)
                    FillRectangle(x + column * scale, y + row * scale, scale, scale, colour);
            }

            x += BitmapFont.Advance * scale;
        }
    }

    /// <summary>Text turned a quarter counter-clockwise (reading upwards), its bottom-left corner at (x, y): a y-axis label.</summary>
    public void DrawTextUpwards(int x, int y, string text, Rgb colour)
    {
        foreach (var character in text)
        {
            var rows = BitmapFont.Glyph(character);
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            for (var column = 0; column < BitmapFont.GlyphWidth; column++)
            {
                if ((rows[row] & (1 << (BitmapFont.GlyphWidth - 1 - column))) != 0)
                    Blend(x + row, y - column, colour);
            }

            y -= BitmapFont.Advance;
        }
    }

    /// <summary>The picture as a float tensor <c>[1, 3, height, width]</c> with values in [0, 1].</summary>
    public Tensor ToTensor() => tensor(_pixels, [1, 3, Height, Width], dtype: float32);
}
