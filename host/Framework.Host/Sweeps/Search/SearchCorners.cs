using System.Globalization;

namespace Framework.Host.Sweeps.Search;

/// <summary>
/// The trials a search is checked with before it starts, since its real trials are proposed while it runs: every
/// parameter at each of its values (lists and choices) or at both ends of its range (distributions), the others at
/// their first value. A value the options refuse is then found before anything runs, as for a grid. A conditional
/// parameter is checked with its parent at the first value that enables it, and left out where its parent disables it.
/// </summary>
internal static class SearchCorners
{
    /// <summary>Just inside the open upper end of a real interval [low, high).</summary>
    private const double NearHigh = 0.999;

    public static IReadOnlyList<ExpandedTrial> Of(SweepSpec spec)
    {
        var values = spec.Parameters.Select(Values).ToList();
        var trials = new List<ExpandedTrial>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < spec.Parameters.Count; i++)
        {
            foreach (var value in values[i])
            {
                var chosen = spec.Parameters.Select((p, j) => j == i ? value : values[j][0]).ToList();
                if (spec.Parameters[i].When is { } when)
                {
                    int parent = spec.Parameters.ToList().FindIndex(p => p.Key == when.ParentKey);
                    chosen[parent] = values[parent].First(v => when.Values.Contains(v.Value));
                }

                var overrides = chosen.Where((_, j) => IsActive(spec.Parameters[j], chosen)).ToList();
                if (seen.Add(string.Join('\n', overrides.Select(o => o.Argument))))
                    trials.Add(new ExpandedTrial(trials.Count, overrides, 0));
            }
        }

        return trials;
    }

    private static bool IsActive(SweepParameter parameter, IReadOnlyList<TrialOverride> chosen) =>
        parameter.When is not { } when || chosen.Any(o => o.Key == when.ParentKey && when.Values.Contains(o.Value));

    private static List<TrialOverride> Values(SweepParameter p)
    {
        if (p.Grid is { } grid)
            return grid.Select(v => new TrialOverride(p.Key, v.Text, v.Location)).ToList();
        var d = p.Distribution!;
        return d.Kind switch
        {
            DistributionKind.Choice => d.Choices.Select(v => new TrialOverride(p.Key, v.Text, v.Location)).ToList(),
            DistributionKind.Int => [Override(p, (long)d.Low), Override(p, (long)d.High)],
            DistributionKind.LogUniform => [Override(p, d.Low), Override(p, Math.Exp(Math.Log(d.Low) + NearHigh * (Math.Log(d.High) - Math.Log(d.Low))))],
            _ => [Override(p, d.Low), Override(p, d.Low + NearHigh * (d.High - d.Low))],
        };
    }

    private static TrialOverride Override(SweepParameter p, double value) =>
        new(p.Key, value.ToString("R", CultureInfo.InvariantCulture), p.Location);

    private static TrialOverride Override(SweepParameter p, long value) =>
        new(p.Key, value.ToString(CultureInfo.InvariantCulture), p.Location);
}
