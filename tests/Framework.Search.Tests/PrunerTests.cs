using Framework.Search;

namespace Framework.Search.Tests;

public class PrunerTests
{
    // 12 trials of 10 steps, value(i, t) = a_i + b_i / t + 0.05 ((i t) mod 3), a_i = (7 i mod 11) / 10,
    // b_i = (5 i mod 7) / 3 + 0.5; each trial asks the pruner after each report. 'sequential': one trial after the other;
    // 'interleaved': trials 3k, 3k+1, 3k+2 run together and report in turn. Expected: the step at which Optuna 3.1.0
    // (Debian python3-optuna) pruned each trial (0: it completed), computed by running the same curves and schedules
    // through a study with the pruner named (ask, report, should_prune, tell PRUNED or the last value).
    [Theory]
    [InlineData("median_default", "sequential", "minimize", new[] { 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1 })]
    [InlineData("median_default", "sequential", "maximize", new[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0 })]
    [InlineData("median_default", "interleaved", "minimize", new[] { 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1 })]
    [InlineData("median_default", "interleaved", "maximize", new[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0 })]
    [InlineData("median_2_1_2", "sequential", "minimize", new[] { 0, 0, 1, 1, 1, 1, 1, 7, 1, 1, 0, 1 })]
    [InlineData("median_2_1_2", "sequential", "maximize", new[] { 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0 })]
    [InlineData("median_2_1_2", "interleaved", "minimize", new[] { 0, 0, 0, 3, 1, 1, 1, 5, 1, 1, 5, 1 })]
    [InlineData("median_2_1_2", "interleaved", "maximize", new[] { 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0 })]
    [InlineData("asha_1_2_0", "sequential", "minimize", new[] { 0, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1 })]
    [InlineData("asha_1_2_0", "sequential", "maximize", new[] { 0, 0, 1, 1, 4, 2, 1, 1, 2, 4, 1, 2 })]
    [InlineData("asha_1_2_0", "interleaved", "minimize", new[] { 0, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1 })]
    [InlineData("asha_1_2_0", "interleaved", "maximize", new[] { 0, 0, 1, 1, 4, 2, 1, 1, 2, 4, 1, 2 })]
    [InlineData("asha_1_3_0", "sequential", "minimize", new[] { 0, 1, 1, 1, 1, 1, 1, 3, 1, 1, 3, 1 })]
    [InlineData("asha_1_3_0", "sequential", "maximize", new[] { 0, 0, 1, 1, 9, 1, 1, 1, 3, 1, 1, 3 })]
    [InlineData("asha_1_3_0", "interleaved", "minimize", new[] { 0, 1, 1, 1, 1, 1, 1, 3, 1, 1, 3, 1 })]
    [InlineData("asha_1_3_0", "interleaved", "maximize", new[] { 0, 0, 1, 1, 9, 1, 1, 1, 3, 1, 1, 3 })]
    [InlineData("asha_2_3_1", "sequential", "minimize", new[] { 0, 6, 6, 6, 6, 0, 6, 6, 0, 6, 6, 0 })]
    [InlineData("asha_2_3_1", "sequential", "maximize", new[] { 0, 0, 6, 0, 6, 6, 0, 6, 6, 6, 6, 6 })]
    [InlineData("asha_2_3_1", "interleaved", "minimize", new[] { 0, 6, 6, 6, 6, 0, 6, 6, 0, 6, 6, 0 })]
    [InlineData("asha_2_3_1", "interleaved", "maximize", new[] { 0, 0, 6, 0, 6, 6, 0, 6, 6, 6, 6, 6 })]
    public void Pruning_steps_equal_optuna_3_1s(string pruner, string schedule, string direction, int[] expected)
    {
        var made = Make(pruner);
        var actual = Run(made, schedule, direction == "minimize" ? Direction.Minimize : Direction.Maximize);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_trial_with_only_nan_reports_is_pruned_by_the_median_rule_and_asha()
    {
        var others = Enumerable.Range(0, 5).Select(i => Complete(i, [1.0, 0.5])).ToList();
        var nan = new TrialRecord(9, NoParameters, TrialState.Running, null, [new(1, double.NaN)]);
        Assert.True(new MedianPruner().ShouldPrune(nan, others, Direction.Minimize));
        Assert.True(new SuccessiveHalvingPruner().ShouldPrune(nan, others, Direction.Minimize));
    }

    [Fact]
    public void The_median_rule_waits_for_its_startup_trials_and_warmup()
    {
        var bad = new TrialRecord(9, NoParameters, TrialState.Running, null, [new(1, 10.0), new(2, 10.0)]);
        var four = Enumerable.Range(0, 4).Select(i => Complete(i, [1.0, 1.0, 1.0])).ToList();
        Assert.False(new MedianPruner(startupTrials: 5).ShouldPrune(bad, four, Direction.Minimize));
        Assert.True(new MedianPruner(startupTrials: 4).ShouldPrune(bad, four, Direction.Minimize));
        Assert.False(new MedianPruner(startupTrials: 4, warmupSteps: 3).ShouldPrune(bad, four, Direction.Minimize));
        // Running and pruned trials do not count towards the median: only completed ones.
        var notComplete = four.Select(t => t with { State = TrialState.Pruned }).ToList();
        Assert.False(new MedianPruner(startupTrials: 1).ShouldPrune(bad, notComplete, Direction.Minimize));
    }

    [Fact]
    public void Asha_reads_a_rung_value_at_the_first_report_past_the_rung()
    {
        // Rungs at steps 1, 3, 9 (min_resource 1, η 3). The others reported at steps 2 and 4 only, so their rung-0 value
        // is their step-2 report and their rung-1 value their step-4 report.
        var pruner = new SuccessiveHalvingPruner(1, 3);
        var others = new[]
        {
            new TrialRecord(0, NoParameters, TrialState.Complete, 0.1, [new(2, 0.5), new(4, 0.1)]),
            new TrialRecord(1, NoParameters, TrialState.Complete, 0.2, [new(2, 0.6), new(4, 0.2)]),
        };
        // At rung 0 the trial is compared with 0.5 and 0.6: among three values only the best goes on.
        Assert.False(pruner.ShouldPrune(Running(2, [0.4]), others, Direction.Minimize));
        Assert.True(pruner.ShouldPrune(Running(2, [0.55]), others, Direction.Minimize));
        // Having passed rung 0 at step 1, at step 3 it meets rung 1 with 0.1 and 0.2.
        Assert.True(pruner.ShouldPrune(Running(2, [0.4, 0.35, 0.3]), others, Direction.Minimize));
        Assert.False(pruner.ShouldPrune(Running(2, [0.4, 0.35, 0.05]), others, Direction.Minimize));
        // Between rungs nothing is decided.
        Assert.False(pruner.ShouldPrune(Running(2, [0.4, 0.9]), others, Direction.Minimize));
    }

    private static readonly IReadOnlyDictionary<string, ParameterValue> NoParameters = new Dictionary<string, ParameterValue>();

    private static TrialRecord Complete(int number, double[] curve) =>
        new(number, NoParameters, TrialState.Complete, curve[^1], curve.Select((v, s) => new IntermediateValue(s + 1, v)).ToList());

    private static TrialRecord Running(int number, double[] curve) =>
        new(number, NoParameters, TrialState.Running, null, curve.Select((v, s) => new IntermediateValue(s + 1, v)).ToList());

    private static IPruner Make(string name) => name switch
    {
        "median_default" => new MedianPruner(),
        "median_2_1_2" => new MedianPruner(startupTrials: 2, warmupSteps: 1, intervalSteps: 2),
        "asha_1_2_0" => new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2),
        "asha_1_3_0" => new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3),
        "asha_2_3_1" => new SuccessiveHalvingPruner(minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1),
        _ => throw new ArgumentException(name),
    };

    private const int Trials = 12, Steps = 10;

    private static double Value(int i, int t) => (7 * i % 11) / 10.0 + ((5 * i % 7) / 3.0 + 0.5) / t + 0.05 * (i * t % 3);

    // Replays the schedule: each trial's record holds its reports so far; the pruner sees every other trial's record.
    private static int[] Run(IPruner pruner, string schedule, Direction direction)
    {
        var events = schedule == "sequential"
            ? (from i in Enumerable.Range(0, Trials) from t in Enumerable.Range(1, Steps) select (i, t)).ToList()
            : (from k in Enumerable.Range(0, Trials / 3) from t in Enumerable.Range(1, Steps) from j in Enumerable.Range(0, 3) select (3 * k + j, t)).ToList();
        var records = new Dictionary<int, TrialRecord>();
        var prunedAt = new int[Trials];
        foreach (var (i, t) in events)
        {
            if (records.TryGetValue(i, out var existing) && existing.State != TrialState.Running)
                continue;
            var reports = (existing?.Intermediate ?? []).Append(new IntermediateValue(t, Value(i, t))).ToList();
            var trial = new TrialRecord(i, NoParameters, TrialState.Running, null, reports);
            var others = records.Values.Where(r => r.Number != i).ToList();
            if (pruner.ShouldPrune(trial, others, direction))
            {
                records[i] = trial with { State = TrialState.Pruned };
                prunedAt[i] = t;
            }
            else
            {
                records[i] = t == Steps ? trial with { State = TrialState.Complete, Value = Value(i, t) } : trial;
            }
        }
        return prunedAt;
    }
}
