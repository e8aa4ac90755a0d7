using Framework.Contracts.Training;
using ScottPlot;

namespace Framework.Plugins.Vae.Rendering;

/// <summary>Plots as run artifacts: a PNG for MLflow's UI and the same plot as SVG beside it, for papers.</summary>
/// <remarks>ScottPlot is the host's copy, shared with every plugin; the plugin ships none of it.</remarks>
internal static class PlotArtifacts
{
    /// <summary>A plot in the figures' font (Debian's fonts-dejavu-core) with a title and labelled axes.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }

    /// <summary>Logs <paramref name="pngPath"/> and the SVG of the same name.</summary>
    public static void Log(IArtifactSink artifacts, string pngPath, Plot plot, int width, int height)
    {
        artifacts.LogBytes(pngPath, plot.GetImageBytes(width, height, ImageFormat.Png));
        artifacts.LogText(Path.ChangeExtension(pngPath, ".svg"), plot.GetSvgXml(width, height));
    }
}
