namespace Framework.Plugins.Vae.Rendering;

/// <summary>The rectangle of a canvas that data are drawn in, with its axes, ticks, grid and labels.</summary>
internal sealed class PlotArea
{
    private readonly Canvas _canvas;

    public PlotArea(Canvas canvas, int left, int top, int right, int bottom, AxisTicks x, AxisTicks y)
    {
        _canvas = canvas;
        (Left, Top, Right, Bottom) = (left, top, right, bottom);
        X = x;
        Y = y;
    }

    public int Left { get; }

    public int Top { get; }

    public int Right { get; }

    public int Bottom { get; }

    public AxisTicks X { get; }

    public AxisTicks Y { get; }

    public double PixelX(double x) => Left + (x - X.Minimum) / (X.Maximum - X.Minimum) * (Right - Left);

    public double PixelY(double y) => Bottom - (y - Y.Minimum) / (Y.Maximum - Y.Minimum) * (Bottom - Top);

    public bool Contains(double x, double y) => x >= X.Minimum && x <= X.Maximum && y >= Y.Minimum && y <= Y.Maximum;

    /// <summary>Grid lines at the ticks, the frame, tick labels, axis labels and the title.</summary>
    public void DrawFrame(string title, string xLabel, string yLabel)
    {
        foreach (var value in X.Values)
        {
            var px = (int)Math.Round(PixelX(value));
            _canvas.DrawLine(px, Top, px, Bottom, Rgb.LightGrey);
            var label = X.Format(value);
            _canvas.DrawText(px - BitmapFont.Width(label) / 2, Bottom + 6, label, Rgb.Black);
        }

        foreach (var value in Y.Values)
        {
            var py = (int)Math.Round(PixelY(value));
            _canvas.DrawLine(Left, py, Right, py, Rgb.LightGrey);
            var label = Y.Format(value);
            _canvas.DrawText(Left - 6 - BitmapFont.Width(label), py - BitmapFont.GlyphHeight / 2, label, Rgb.Black);
        }

        _canvas.DrawLine(Left, Top, Right, Top, Rgb.Grey);
        _canvas.DrawLine(Left, Bottom, Right, Bottom, Rgb.Black);
        _canvas.DrawLine(Left, Top, Left, Bottom, Rgb.Black);
        _canvas.DrawLine(Right, Top, Right, Bottom, Rgb.Grey);
        _canvas.DrawText((Left + Right - BitmapFont.Width(title, 2)) / 2, 8, title, Rgb.Black, scale: 2);
        _canvas.DrawText((Left + Right - BitmapFont.Width(xLabel)) / 2, Bottom + 22, xLabel, Rgb.Black);
        _canvas.DrawTextUpwards(6, (Top + Bottom + BitmapFont.Width(yLabel)) / 2, yLabel, Rgb.Black);
    }
}
