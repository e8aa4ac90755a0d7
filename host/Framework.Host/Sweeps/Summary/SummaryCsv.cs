using System.Globalization;
using System.Text;

namespace Framework.Host.Sweeps.Summary;

/// <summary>The summary as CSV tables (RFC 4180, invariant numbers): one row per configuration, one per trial.</summary>
internal static class SummaryCsv
{
    /// <summary>Per configuration: its swept values, trial counts, then mean and standard deviation of every final metric (the ranking metric first).</summary>
    public static string Configurations(SweepSummary summary)
    {
        var keys = summary.Configurations.SelectMany(c => c.Values.Select(v => v.Key)).Distinct(StringComparer.Ordinal).ToList();
        var metrics = summary.Configurations.SelectMany(c => c.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(m => m == summary.Metric ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        Row(csv, ["configuration", "configuration_id", .. keys, "trials", "finished", .. metrics.SelectMany(m => new[] { m + " mean", m + " std", m + " n" })]);
        foreach (var configuration in summary.Configurations)
        {
            var values = configuration.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            Row(csv, [
                Number(configuration.Number), configuration.ConfigurationId, .. keys.Select(k => values.GetValueOrDefault(k, "")),
                Number(configuration.Trials.Count), Number(configuration.Finished),
                .. metrics.SelectMany(m => configuration.Metrics.TryGetValue(m, out var s)
                    ? new[] { Number(s.Mean), s.StandardDeviation is { } d ? Number(d) : "", Number(s.Count) }
                    : ["", "", "0"]),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>Per trial: index, ids, swept values, status, attempts, run id, the ranking metric and the error.</summary>
    public static string Trials(SweepSummary summary)
    {
        var keys = summary.Trials.SelectMany(t => t.Trial.Overrides.Select(o => o.Key)).Distinct(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        Row(csv, ["trial", "trial_id", "configuration_id", .. keys, "seed", "status", "attempts", "run_id", summary.Metric, "error"]);
        foreach (var row in summary.Trials)
        {
            var values = row.Trial.Overrides.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
            Row(csv, [
                Number(row.Trial.Index), row.Trial.Id, row.Trial.ConfigurationId, .. keys.Select(k => values.GetValueOrDefault(k, "")),
                Number(row.Trial.Seed), row.State.StatusName, Number(row.State.Attempts), row.State.Run?.RunId ?? "",
                row.Value is { } v ? Number(v) : "", row.State.Error ?? "",
            ]);
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
