using System.Globalization;

namespace Framework.Host.Sweeps.Summary;

/// <summary>
/// The summary plot: for each configuration (x, numbered as in the tables) the ranking metric of each seed repeat as
/// a grey dot, their mean as a blue bar with ±1 standard deviation as a blue error bar, and the best trial in red.
/// </summary>
internal static class SummaryPlot
{
    private const int Width = 720;
    private const int Height = 420;
    private const int Left = 90;
    private const int Right = 24;
    private const int Top = 46;
    private const int Bottom = 62;

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] Render(SweepSummary summary, string title)
    {
        var canvas = new Canvas(Width, Height);
        canvas.Text(Left, 12, Fit(title, Width - Left - Right, 1), Rgb.Black);
        canvas.Text(Left, 26, Fit($"{summary.Metric} ({(summary.Maximize ? "higher" : "lower")} is better), mean +/- std over seeds", Width - Left - Right, 1), Rgb.Grey);

        var values = summary.Configurations.SelectMany(c => c.Trials).Where(t => t.Value is not null).Select(t => t.Value!.Value).ToList();
        foreach (var c in summary.Configurations)
        {
            if (c.Metrics.TryGetValue(summary.Metric, out var s) && s.StandardDeviation is { } d)
                values.AddRange([s.Mean - d, s.Mean + d]);
        }

        int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        canvas.Line(Left, Top, Left, Top + plotHeight, Rgb.Black);
        canvas.Line(Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, Rgb.Black);
        canvas.Text(Left + plotWidth / 2 - BitmapFont.Width("configuration", 1) / 2, Height - 16, "configuration", Rgb.Black);
        if (values.Count == 0)
        {
            canvas.Text(Left + 20, Top + plotHeight / 2, "no finished trial logged this metric", Rgb.Red);
            return canvas.EncodePng();
        }

        var (low, high) = Range(values);
        int Y(double value) => Top + plotHeight - (int)Math.Round((value - low) / (high - low) * plotHeight);
        foreach (double tick in Ticks(low, high))
        {
            int y = Y(tick);
            canvas.Line(Left + 1, y, Left + plotWidth, y, Rgb.LightGrey);
            canvas.Line(Left - 5, y, Left, y, Rgb.Black);
            string label = tick.ToString("G4", CultureInfo.InvariantCulture);
            canvas.Text(Left - 8 - BitmapFont.Width(label, 1), y - 3, label, Rgb.Black);
        }

        int count = summary.Configurations.Count;
        double step = (double)plotWidth / count;
        int labelEvery = Math.Max(1, (int)Math.Ceiling(count * BitmapFont.Advance * 3.0 / plotWidth));
        var valueLabels = summary.Configurations.Select(c => string.Join(' ', c.Values.Select(v => $"{v.Key[(v.Key.LastIndexOf('.') + 1)..]}={v.Value}"))).ToList();
        if (valueLabels.Any(l => BitmapFont.Width(l, 1) > step - 6))
            valueLabels = null;
        foreach (var configuration in summary.Configurations)
        {
            int x = Left + (int)Math.Round((configuration.Number - 0.5) * step);
            if ((configuration.Number - 1) % labelEvery == 0)
            {
                string label = configuration.Number.ToString(CultureInfo.InvariantCulture);
                canvas.Text(x - BitmapFont.Width(label, 1) / 2, Top + plotHeight + 8, label, Rgb.Black);
                // Under the number, the values themselves when every configuration's fit its column.
                if (valueLabels is not null)
                {
                    string valueLabel = valueLabels[configuration.Number - 1];
                    canvas.Text(x - BitmapFont.Width(valueLabel, 1) / 2, Top + plotHeight + 20, valueLabel, Rgb.Grey);
                }
            }

            if (configuration.Metrics.TryGetValue(summary.Metric, out var statistics))
            {
                int half = Math.Clamp((int)(step * 0.3), 3, 14);
                if (statistics.StandardDeviation is { } deviation)
                {
                    canvas.Line(x, Y(statistics.Mean - deviation), x, Y(statistics.Mean + deviation), Rgb.Blue, 2);
                    canvas.Line(x - half / 2, Y(statistics.Mean - deviation), x + half / 2, Y(statistics.Mean - deviation), Rgb.Blue, 2);
                    canvas.Line(x - half / 2, Y(statistics.Mean + deviation), x + half / 2, Y(statistics.Mean + deviation), Rgb.Blue, 2);
                }

                canvas.Line(x - half, Y(statistics.Mean), x + half, Y(statistics.Mean), Rgb.Blue, 3);
            }

            var repeats = configuration.Trials.Where(t => t.Value is not null).ToList();
            for (int i = 0; i < repeats.Count; i++)
            {
                // Spread the repeats a little sideways so equal values stay visible.
                int offset = repeats.Count == 1 ? 0 : (int)Math.Round((i - (repeats.Count - 1) / 2.0) * Math.Min(6, step * 0.4 / repeats.Count));
                bool best = ReferenceEquals(repeats[i], summary.Best);
                canvas.FillCircle(x + offset, Y(repeats[i].Value!.Value), best ? 4 : 3, best ? Rgb.Red : Rgb.Grey);
            }
        }

        return canvas.EncodePng();
    }

    private static (double Low, double High) Range(IReadOnlyList<double> values)
    {
        double low = values.Min(), high = values.Max();
        double pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(low) * 0.05, 1e-6);
        return (low - pad, high + pad);
    }

    /// <summary>Four to eight round tick values (1, 2 or 5 times a power of ten apart) inside [low, high].</summary>
    private static IEnumerable<double> Ticks(double low, double high)
    {
        double raw = (high - low) / 8;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double spacing = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(s => s >= raw);
        for (double tick = Math.Ceiling(low / spacing) * spacing; tick <= high; tick += spacing)
            yield return Math.Abs(tick) < spacing * 1e-9 ? 0 : tick;
    }

    private static string Fit(string text, int width, int scale)
    {
        int characters = Math.Max(4, (width / scale + 1) / BitmapFont.Advance);
        return text.Length <= characters ? text : text[..(characters - 3)] + "...";
    }
}
