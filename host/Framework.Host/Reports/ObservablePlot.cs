using System.Globalization;
using Framework.Host.Sweeps.Summary;

namespace Framework.Host.Reports;

/// <summary>Observables against the compared parameter, one panel per observable: the data as a black line, each
/// family's samples as coloured points with ±1 standard deviation over seeds.</summary>
/// <remarks>Drawn with the host's small raster canvas, like the sweep summary.</remarks>
internal static class ObservablePlot
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 300;
    private const int Columns = 3;
    private static readonly Rgb[] Palette = [Rgb.Blue, Rgb.Red, new(44, 160, 44), new(148, 103, 189), new(255, 127, 14), new(140, 86, 75)];

    public static byte[] Render(ObservableReport report)
    {
        var observables = report.Rows.Select(r => r.Observable).Distinct().ToList();
        var families = report.Rows.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        int rows = (observables.Count + Columns - 1) / Columns;
        var canvas = new Canvas(PanelWidth * Columns, PanelHeight * rows + 40);
        for (var f = 0; f < families.Count; f++)
        {
            int x = 20 + f * 150;
            canvas.FillCircle(x, 20, 4, Palette[f % Palette.Length]);
            canvas.Text(x + 10, 17, families[f], Rgb.Black);
        }
        canvas.Line(20 + families.Count * 150, 20, 40 + families.Count * 150, 20, Rgb.Black, 2);
        canvas.Text(46 + families.Count * 150, 17, "data", Rgb.Black);
        for (var i = 0; i < observables.Count; i++)
            Panel(canvas, report, observables[i], families, (i % Columns) * PanelWidth, 40 + (i / Columns) * PanelHeight);
        return canvas.EncodePng();
    }

    private static void Panel(Canvas canvas, ObservableReport report, string observable, List<string> families, int left, int top)
    {
        const int Margin = 60;
        var rows = report.Rows.Where(r => r.Observable == observable).ToList();
        var ats = rows.Select(r => r.At).Distinct().OrderBy(ObservableReport.Number).ToList();
        var values = rows.SelectMany(r => new[] { r.Data, r.Samples - r.SamplesSpread, r.Samples + r.SamplesSpread }).Where(double.IsFinite).ToList();
        double low = values.Min(), high = values.Max();
        if (high - low < 1e-12)
            (low, high) = (low - 0.5, high + 0.5);
        var pad = (high - low) * 0.1;
        (low, high) = (low - pad, high + pad);
        int plotLeft = left + Margin, plotTop = top + 24, plotWidth = PanelWidth - Margin - 20, plotHeight = PanelHeight - 70;
        int X(int index) => plotLeft + (ats.Count == 1 ? plotWidth / 2 : index * plotWidth / (ats.Count - 1));
        int Y(double value) => plotTop + plotHeight - (int)Math.Round((value - low) / (high - low) * plotHeight);

        canvas.Text(plotLeft, top + 6, observable, Rgb.Black);
        canvas.Line(plotLeft, plotTop, plotLeft, plotTop + plotHeight, Rgb.Black);
        canvas.Line(plotLeft, plotTop + plotHeight, plotLeft + plotWidth, plotTop + plotHeight, Rgb.Black);
        foreach (var value in new[] { low + pad, (low + high) / 2, high - pad })
        {
            var label = value.ToString("G4", CultureInfo.InvariantCulture);
            canvas.Line(plotLeft - 4, Y(value), plotLeft, Y(value), Rgb.Black);
            canvas.Text(left + 4, Y(value) - 3, label, Rgb.Black);
        }
        for (var a = 0; a < ats.Count; a++)
            canvas.Text(X(a) - 3 * ats[a].Length, plotTop + plotHeight + 8, ats[a], Rgb.Black);
        if (report.By is { } by)
            canvas.Text(plotLeft + plotWidth / 2 - 3 * by.Length, plotTop + plotHeight + 24, by, Rgb.Grey);

        var data = ats.Select(at => rows.Where(r => r.At == at).Average(r => r.Data)).ToList();
        for (var a = 0; a < ats.Count; a++)
        {
            if (a > 0)
                canvas.Line(X(a - 1), Y(data[a - 1]), X(a), Y(data[a]), Rgb.Black, 2);
            canvas.FillRectangle(X(a) - 2, Y(data[a]) - 2, 5, 5, Rgb.Black);
        }
        for (var f = 0; f < families.Count; f++)
        {
            var colour = Palette[f % Palette.Length];
            var offset = (f - (families.Count - 1) / 2.0) * 6;
            for (var a = 0; a < ats.Count; a++)
            {
                if (rows.FirstOrDefault(r => r.At == ats[a] && r.Family == families[f]) is not { } row || !double.IsFinite(row.Samples))
                    continue;
                int x = X(a) + (int)offset;
                if (row.SamplesSpread > 0)
                    canvas.Line(x, Y(row.Samples - row.SamplesSpread), x, Y(row.Samples + row.SamplesSpread), colour);
                canvas.FillCircle(x, Y(row.Samples), 4, colour);
            }
        }
    }
}
