using System.Globalization;
using Framework.Host.Cli;

namespace Framework.Host.Sweeps.Summary;

/// <summary>Prints the summary as text tables: the trials, the configurations (mean ± std over seeds), the best trial and the failures.</summary>
internal static class SummaryPrinter
{
    /// <summary>Prints the tables.</summary>
    /// <param name="output">Where.</param>
    /// <param name="summary">The summary.</param>
    /// <param name="slurm">Slurm's view of each trial, by index, or null when the sweep does not run on Slurm.</param>
    public static void Print(TextWriter output, SweepSummary summary, IReadOnlyDictionary<int, string>? slurm = null)
    {
        var keys = summary.Trials.SelectMany(t => t.Trial.Overrides.Select(o => o.Key)).Distinct(StringComparer.Ordinal).ToList();
        var header = new List<string> { "TRIAL" };
        header.AddRange(keys);
        header.AddRange(["STATUS", .. slurm is null ? Array.Empty<string>() : ["SLURM"], "ATTEMPTS", summary.Metric, "RUN"]);
        var rows = new List<string[]> { header.ToArray() };
        foreach (var row in summary.Trials)
        {
            var values = row.Trial.Overrides.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
            var cells = new List<string> { Number(row.Trial.Index) + (ReferenceEquals(row, summary.Best) ? " *" : "") };
            cells.AddRange(keys.Select(k => values.GetValueOrDefault(k, "")));
            cells.Add(row.State.StatusName);
            if (slurm is not null)
                cells.Add(slurm.GetValueOrDefault(row.Trial.Index, "-"));
            cells.AddRange([Number(row.State.Attempts), Value(row.Value), row.State.Run?.RunId ?? "-"]);
            rows.Add(cells.ToArray());
        }

        TextTable.Write(output, rows);

        if (summary.Configurations.Any(c => c.Trials.Count > 1))
        {
            output.WriteLine();
            output.WriteLine($"Per configuration: {summary.Metric} ({(summary.Maximize ? "higher" : "lower")} is better), mean and standard deviation over seeds");
            var configurationKeys = summary.Configurations.SelectMany(c => c.Values.Select(v => v.Key)).Distinct(StringComparer.Ordinal).ToList();
            var table = new List<string[]>();
            table.Add(["CONFIG", .. configurationKeys, "FINISHED", "MEAN", "STD"]);
            foreach (var configuration in summary.Configurations)
            {
                var values = configuration.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                configuration.Metrics.TryGetValue(summary.Metric, out var statistics);
                table.Add([
                    Number(configuration.Number), .. configurationKeys.Select(k => values.GetValueOrDefault(k, "")),
                    $"{configuration.Finished}/{configuration.Trials.Count}", Value(statistics?.Mean), Value(statistics?.StandardDeviation),
                ]);
            }

            TextTable.Write(output, table);
        }

        output.WriteLine();
        output.WriteLine("States: " + string.Join(", ", summary.StateCounts.Select(s => $"{(s.Key == "-" ? "NOT STARTED" : s.Key)} {s.Value}")));
        if (summary.Best is { } best)
            output.WriteLine($"Best (*): trial {best.Trial.Index} ({best.Trial.Describe()}), {summary.Metric} = {Value(best.Value)}, run {best.State.Run?.RunId}");
        else
            output.WriteLine($"Best: none yet (no FINISHED trial logged {summary.Metric})");
        foreach (var failed in summary.Trials.Where(t => t.State.Error is not null && !t.State.IsDone))
            output.WriteLine($"  trial {failed.Trial.Index} {failed.State.StatusName}: {FirstLine(failed.State.Error!)}");
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string Value(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
