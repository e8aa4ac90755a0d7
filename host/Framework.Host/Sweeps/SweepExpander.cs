using System.Globalization;

namespace Framework.Host.Sweeps;

/// <summary>
/// Turns a sweep section into trials, with no I/O and nothing random left: the same section always gives the same
/// trials in the same order, so trial indices and ids are stable across re-runs (and across Slurm array tasks).
/// </summary>
/// <remarks>
/// Order: the grid's Cartesian product (first parameter outermost), then for each grid point the random draws, then
/// the seed repeats innermost. Random draws come from a SplitMix64 stream seeded by <c>sweep.seed</c>; draw
/// <c>d</c> gives the same values at every grid point, so grid points are compared on equal draws. Repeat
/// <c>r</c> sets <c>training.seed</c> to the configuration's seed plus <c>r</c>.
/// </remarks>
internal static class SweepExpander
{
    /// <summary>The key that seed repeats set.</summary>
    public const string SeedKey = "training.seed";

    /// <summary>How many trials a spec expands to (saturating at <see cref="long.MaxValue"/>).</summary>
    public static long Count(SweepSpec spec)
    {
        long count = Math.Max(1, spec.Settings.Trials) * (long)spec.Settings.Repeats;
        foreach (var parameter in spec.Parameters.Where(p => p.IsGrid))
        {
            if (count > long.MaxValue / parameter.Grid!.Count)
                return long.MaxValue;
            count *= parameter.Grid.Count;
        }

        return count;
    }

    /// <summary>Expands a spec into its trials.</summary>
    /// <param name="spec">The sweep section.</param>
    /// <param name="baseSeed">The experiment's <c>training.seed</c> (after command-line overrides).</param>
    /// <returns>Every trial, indexed from 0.</returns>
    public static IReadOnlyList<ExpandedTrial> Expand(SweepSpec spec, long baseSeed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Count(spec) > SweepSpec.MaxTrials)
            throw new ArgumentException($"The sweep expands to more than {SweepSpec.MaxTrials} trials.", nameof(spec));

        var grid = spec.Parameters.Where(p => p.IsGrid).ToList();
        var random = spec.Parameters.Where(p => !p.IsGrid).ToList();
        var draws = Draws(random, spec.Settings.Trials, spec.Settings.Seed);
        var trials = new List<ExpandedTrial>();
        foreach (var point in GridPoints(grid))
        {
            foreach (var draw in draws)
            {
                // Keep the file's parameter order, whatever mix of grid axes and distributions it has.
                var chosen = point.Concat(draw).ToDictionary(o => o.Key, StringComparer.Ordinal);
                var overrides = spec.Parameters.Select(p => chosen[p.Key]).ToList();
                for (int repeat = 0; repeat < spec.Settings.Repeats; repeat++)
                    trials.Add(new ExpandedTrial(trials.Count, WithSeed(overrides, spec, baseSeed, repeat), repeat));
            }
        }

        return trials;
    }

    private static IEnumerable<List<TrialOverride>> GridPoints(IReadOnlyList<SweepParameter> grid)
    {
        var indices = new int[grid.Count];
        while (true)
        {
            yield return grid.Select((p, i) => new TrialOverride(p.Key, p.Grid![indices[i]].Text, p.Grid[indices[i]].Location)).ToList();
            int axis = grid.Count - 1;
            while (axis >= 0 && ++indices[axis] == grid[axis].Grid!.Count)
                indices[axis--] = 0;
            if (axis < 0)
                yield break;
        }
    }

    private static List<List<TrialOverride>> Draws(IReadOnlyList<SweepParameter> random, int trials, long seed)
    {
        if (random.Count == 0)
            return [[]];
        var rng = new SplitMix64((ulong)seed);
        var draws = new List<List<TrialOverride>>(trials);
        for (int d = 0; d < trials; d++)
            draws.Add(random.Select(p => Draw(p, rng)).ToList());
        return draws;
    }

    private static TrialOverride Draw(SweepParameter parameter, SplitMix64 rng)
    {
        var distribution = parameter.Distribution!;
        double u = rng.NextDouble();
        string text = distribution.Kind switch
        {
            DistributionKind.Uniform => Real(distribution.Low + u * (distribution.High - distribution.Low)),
            DistributionKind.LogUniform => Real(Math.Exp(Math.Log(distribution.Low) + u * (Math.Log(distribution.High) - Math.Log(distribution.Low)))),
            DistributionKind.Int => ((long)distribution.Low + (long)Math.Floor(u * (distribution.High - distribution.Low + 1))).ToString(CultureInfo.InvariantCulture),
            DistributionKind.Choice => distribution.Choices[(int)Math.Floor(u * distribution.Choices.Count)].Text,
            _ => throw new InvalidOperationException($"Unknown distribution {distribution.Kind}."),
        };
        var location = distribution.Kind == DistributionKind.Choice
            ? distribution.Choices.First(c => c.Text == text).Location
            : parameter.Location;
        return new TrialOverride(parameter.Key, text, location);
    }

    /// <summary>Six significant digits: readable in tables and run names, and the value the trial really uses.</summary>
    private static string Real(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static List<TrialOverride> WithSeed(List<TrialOverride> overrides, SweepSpec spec, long baseSeed, int repeat)
    {
        if (spec.Settings.Repeats == 1)
            return overrides;
        var swept = overrides.FirstOrDefault(o => o.Key == SeedKey);
        long seed = swept is not null && long.TryParse(swept.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : baseSeed;
        var location = swept?.Location ?? spec.Location;
        return overrides.Where(o => o.Key != SeedKey)
            .Append(new TrialOverride(SeedKey, (seed + repeat).ToString(CultureInfo.InvariantCulture), location))
            .ToList();
    }
}
