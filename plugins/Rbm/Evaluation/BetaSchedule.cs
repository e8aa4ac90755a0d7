namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>The inverse temperatures 0 = β_0 &lt; β_1 &lt; ... &lt; β_K = 1 of Annealed Importance Sampling.</summary>
internal static class BetaSchedule
{
    /// <summary>Returns K + 1 inverse temperatures for K = <paramref name="steps"/> transitions.</summary>
    /// <remarks>The piecewise schedule keeps Salakhutdinov and Murray's proportions (500 steps up to 0.5, 4,000 up to
    /// 0.9, 10,000 up to 1 of 14,500): the weights change fastest near β = 1, where the model's modes form.</remarks>
    public static double[] Create(AisSchedule schedule, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 3);
        return schedule switch
        {
            AisSchedule.Linear => Segment(0, 1, steps).Append(1.0).ToArray(),
            AisSchedule.Piecewise => Piecewise(steps),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown AIS schedule."),
        };
    }

    private static double[] Piecewise(int steps)
    {
        var first = Math.Max(1, (int)Math.Round(steps * 500.0 / 14_500));
        var second = Math.Max(1, (int)Math.Round(steps * 4_000.0 / 14_500));
        var third = steps - first - second;
        return Segment(0, 0.5, first).Concat(Segment(0.5, 0.9, second)).Concat(Segment(0.9, 1.0, third)).Append(1.0).ToArray();
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="from"/> (included) to <paramref name="to"/> (excluded).</summary>
    private static IEnumerable<double> Segment(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from + (to - from) * i / count);
}
