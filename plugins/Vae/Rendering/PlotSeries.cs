namespace Framework.Plugins.Vae.Rendering;

/// <summary>A named line of (x, y) points in a line chart.</summary>
internal sealed record PlotSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
