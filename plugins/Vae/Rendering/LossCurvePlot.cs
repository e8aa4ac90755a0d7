using Framework.Plugins.Vae.Artifacts;
using ScottPlot;

namespace Framework.Plugins.Vae.Rendering;

/// <summary>The training loss and the two test bounds on one axis. MLflow charts each metric on its own; here the gap
/// between the test −ELBO and the tighter importance-weighted −log p(x) shows how loose the ELBO is as training goes.</summary>
internal static class LossCurvePlot
{
    public static Plot Create(LossHistory history)
    {
        var plot = PlotArtifacts.Create("Loss curves", "epoch", "nats per example");
        var entries = history.Entries.OrderBy(e => e.Epoch).ToList();
        Add(plot, "train loss (−ELBO, running mean)", entries.Where(e => double.IsFinite(e.TrainLoss)).Select(e => (e.Epoch, e.TrainLoss)));
        Add(plot, "test −ELBO", entries.Where(e => double.IsFinite(e.TestNegativeElbo)).Select(e => (e.Epoch, e.TestNegativeElbo)));
        Add(plot, "test −log p(x) (IWAE bound)", entries.Where(e => double.IsFinite(e.TestNegativeIwae)).Select(e => (e.Epoch, e.TestNegativeIwae)));
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontName = "DejaVu Sans";
        return plot;
    }

    private static void Add(Plot plot, string label, IEnumerable<(double Epoch, double Value)> points)
    {
        var list = points.ToList();
        if (list.Count == 0)
            return;
        var line = plot.Add.ScatterLine(list.Select(p => p.Epoch).ToArray(), list.Select(p => p.Value).ToArray());
        line.LineWidth = 2;
        line.MarkerSize = 6;
        line.LegendText = label;
    }
}
