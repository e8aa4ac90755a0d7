using System.Globalization;
using System.Text;
using Framework.Host.Cli;

namespace Framework.Host.Reports;

/// <summary>The report as text tables (one per observable: the data, then each family's samples with their relative
/// difference) and as a long-format CSV for plotting elsewhere.</summary>
internal static class ObservableReportWriter
{
    public static void WriteTables(ObservableReport report, TextWriter output)
    {
        var families = report.Rows.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var observable in report.Rows.GroupBy(r => r.Observable))
        {
            output.WriteLine(observable.Key);
            var table = new List<string[]> { new[] { report.By ?? "", "data" }.Concat(families).ToArray() };
            foreach (var at in observable.GroupBy(r => r.At).OrderBy(g => ObservableReport.Number(g.Key)))
            {
                var cells = new List<string> { at.Key, Format(at.Average(r => r.Data)) };
                foreach (var family in families)
                    cells.Add(at.FirstOrDefault(r => r.Family == family) is { } row ? Describe(row) : "-");
                table.Add([.. cells]);
            }
            TextTable.Write(output, table.Select(r => r.Prepend(" ").ToArray()).ToList());
            output.WriteLine();
        }
    }

    public static string Csv(ObservableReport report)
    {
        var text = new StringBuilder("family,").Append(report.By ?? "at").AppendLine(",observable,data,samples,samples_sd,relative_difference,runs");
        foreach (var r in report.Rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Family},{r.At},{r.Observable},{r.Data:R},{r.Samples:R},{r.SamplesSpread:R},{r.RelativeDifference:R},{r.Runs}"));
        return text.ToString();
    }

    private static string Describe(ObservableRow row)
    {
        var spread = row.Runs > 1 ? $" ± {Format(row.SamplesSpread)}" : "";
        var relative = double.IsNaN(row.RelativeDifference) ? "" : string.Create(CultureInfo.InvariantCulture, $" ({row.RelativeDifference:+0.00%;-0.00%})");
        return Format(row.Samples) + spread + relative;
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
