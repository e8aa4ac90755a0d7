using System.Globalization;
using System.Text;

namespace Framework.Host.Sweeps.Summary.Search;

/// <summary>
/// How much of the objective's variance each parameter explains on its own, over the complete trials: the correlation
/// ratio η² = Σ_b n_b (ȳ_b − ȳ)² / Σ_i (y_i − ȳ)², where b runs over bins of the parameter (each category; for a number,
/// equal-count bins of its value, or of log10 of it for a log parameter, √n of them between 2 and 10) and ȳ_b is the mean
/// objective in bin b. η² is 0 when the bins' means are equal and 1 when the parameter alone fixes the objective. It sees
/// no interactions (fANOVA would, at far more cost) and with few trials per bin it is biased upwards, so read it as a
/// ranking. <c>normalized_importance</c> divides each η² by their sum, as Optuna's importances sum to 1.
/// </summary>
internal static class ParameterImportance
{
    /// <summary>One parameter's importance.</summary>
    public sealed record Row(string Parameter, double EtaSquared, double Normalized, int Bins, int Trials);

    /// <summary>The importance of each parameter, most important first.</summary>
    public static IReadOnlyList<Row> Compute(IReadOnlyList<PlotTrial> trials, IReadOnlyList<PlotParameter> parameters)
    {
        var rows = new List<(string Name, double Eta, int Bins, int Count)>();
        foreach (var parameter in parameters)
        {
            var used = trials.Where(t => t.Counts && t.Parameters.ContainsKey(parameter.Name)).ToList();
            var axis = new ParameterAxis(parameter, used.Select(t => t.Parameters[parameter.Name]));
            var points = used.Select(t => (Position: axis.Position(t.Parameters[parameter.Name]), Value: t.Value!.Value))
                .Where(p => double.IsFinite(p.Position)).ToList();
            var bins = Bins(points.Select(p => p.Position).ToList(), axis.IsCategorical);
            rows.Add((parameter.Name, EtaSquared(points.Select(p => p.Value).ToList(), bins), bins.Distinct().Count(), points.Count));
        }
        var total = rows.Where(r => double.IsFinite(r.Eta)).Sum(r => r.Eta);
        return rows.Select(r => new Row(r.Name, r.Eta, total > 0 ? r.Eta / total : double.NaN, r.Bins, r.Count))
            .OrderByDescending(r => double.IsFinite(r.EtaSquared) ? r.EtaSquared : -1).ToList();
    }

    /// <summary>The table: <c>parameter,eta_squared,normalized_importance,bins,trials</c>.</summary>
    public static string Csv(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder("parameter,eta_squared,normalized_importance,bins,trials\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{Quote(r.Parameter)},{r.EtaSquared:R},{r.Normalized:R},{r.Bins},{r.Trials}\n");
        return text.ToString();
    }

    /// <summary>η² of <paramref name="values"/> grouped by <paramref name="bins"/>; NaN with fewer than two values or no variance.</summary>
    public static double EtaSquared(IReadOnlyList<double> values, IReadOnlyList<int> bins)
    {
        if (values.Count < 2)
            return double.NaN;
        var mean = values.Average();
        var total = values.Sum(v => (v - mean) * (v - mean));
        if (total <= 0)
            return double.NaN;
        var between = values.Zip(bins).GroupBy(p => p.Second).Sum(g => g.Count() * Math.Pow(g.Average(p => p.First) - mean, 2));
        return between / total;
    }

    /// <summary>The bin of each position: categories are their own bins; numbers fall into equal-count bins by rank,
    /// equal numbers always into the same bin.</summary>
    private static int[] Bins(IReadOnlyList<double> positions, bool categorical)
    {
        if (categorical)
            return positions.Select(p => (int)p).ToArray();
        var count = Math.Clamp((int)Math.Floor(Math.Sqrt(positions.Count)), 2, 10);
        var order = positions.Select((p, i) => (p, i)).OrderBy(x => x.p).ToList();
        var bins = new int[positions.Count];
        for (var rank = 0; rank < order.Count; rank++)
        {
            var first = rank > 0 && order[rank].p == order[rank - 1].p ? bins[order[rank - 1].i] : rank * count / order.Count;
            bins[order[rank].i] = first;
        }
        return bins;
    }

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
