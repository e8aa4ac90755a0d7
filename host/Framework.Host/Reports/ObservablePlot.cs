using Framework.Host.Plotting;
using ScottPlot;

namespace Framework.Host.Reports;

/// <summary>Observables against the compared parameter (the temperature of the Ising files), one panel per observable:
/// the data as a black line, each family's samples as coloured points with ±1 standard deviation over its runs (seeds)
/// as error bars where a point averages several runs.</summary>
internal static class ObservablePlot
{
    private const int Columns = 2;
    private const int PanelWidth = 560;
    private const int PanelHeight = 440;

    public static Figure Render(ObservableReport report)
    {
        var observables = report.Rows.Select(r => r.Observable).Distinct().ToList();
        var families = report.Rows.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var ats = report.Rows.Select(r => r.At).Distinct().OrderBy(ObservableReport.Number).ThenBy(a => a, StringComparer.Ordinal).ToList();
        // A numeric parameter is drawn to scale; anything else evenly spaced in its order.
        var numeric = ats.All(a => ObservableReport.Number(a) != double.MaxValue);
        double X(string at) => numeric ? ObservableReport.Number(at) : ats.IndexOf(at);
        var gap = ats.Count < 2 ? 1 : ats.Select(X).Zip(ats.Select(X).Skip(1), (a, b) => b - a).Min();

        var plots = new List<Plot>();
        foreach (var observable in observables)
        {
            var rows = report.Rows.Where(r => r.Observable == observable).ToList();
            var plot = Figure.NewPlot(observable, report.By ?? "", observable);
            if (!numeric)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ats.Select(X).ToArray(), ats.ToArray());

            var data = rows.GroupBy(r => r.At).OrderBy(g => X(g.Key)).ToList();
            var line = plot.Add.ScatterLine(data.Select(g => X(g.Key)).ToArray(), data.Select(g => g.Average(r => r.Data)).ToArray(), Colors.Black);
            line.LineWidth = 2;
            line.MarkerShape = MarkerShape.FilledSquare;
            line.MarkerSize = 6;
            line.LegendText = "data";

            for (var f = 0; f < families.Count; f++)
            {
                var points = rows.Where(r => r.Family == families[f] && double.IsFinite(r.Samples)).OrderBy(r => X(r.At)).ToList();
                if (points.Count == 0)
                    continue;
                // Families side by side around each x so that their error bars do not hide one another.
                var offset = (f - (families.Count - 1) / 2.0) * gap * 0.04;
                var xs = points.Select(r => X(r.At) + offset).ToArray();
                var ys = points.Select(r => r.Samples).ToArray();
                var colour = new ScottPlot.Palettes.Category10().GetColor(f);
                if (points.Any(r => r.Runs > 1))
                {
                    var errors = plot.Add.ErrorBar(xs, ys, points.Select(r => r.SamplesSpread).ToArray());
                    errors.Color = colour;
                    errors.CapSize = 6;
                }
                var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 9, colour);
                markers.LegendText = $"{families[f]} samples";
            }
            // Under each panel, in one row, where it hides no point.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.Legend.FontName = Figure.FontName;
            plots.Add(plot);
        }

        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
            multiplot.AddPlot(plot);

        var gridRows = (observables.Count + Columns - 1) / Columns;
        var columns = Math.Min(Columns, observables.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(gridRows, columns);
        return Figure.Of(multiplot, PanelWidth * columns, PanelHeight * gridRows);
    }
}
