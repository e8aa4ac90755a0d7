using Framework.Search;

namespace Framework.Search.Tests;

public class SamplerTests
{
    private static readonly SearchSpace Mixed = new([
        new("lr", ParameterKind.Float, 1e-5, 1, Log: true),
        new("width", ParameterKind.Int, 8, 512),
        new("act", ParameterKind.Categorical, Choices: ["relu", "tanh", "sigmoid"]),
    ]);

    private static double MixedValue(IReadOnlyDictionary<string, ParameterValue> p) =>
        Math.Pow(Math.Log10(Num(p, "lr")) + 2.5, 2) + Math.Pow(Math.Log2(Num(p, "width")) - 7, 2) / 4
        + ((ParameterValue.Choice)p["act"]).Value switch { "relu" => 0, "tanh" => 0.3, _ => 0.8 };

    private static double Num(IReadOnlyDictionary<string, ParameterValue> p, string name) => ((ParameterValue.Number)p[name]).Value;

    private static List<TrialRecord> Search(ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, ParameterValue>, double> objective, int trials)
    {
        var history = new List<TrialRecord>();
        for (var n = 0; n < trials; n++)
        {
            var p = sampler.Propose(space, history, n);
            history.Add(new TrialRecord(n, p, TrialState.Complete, objective(p), []));
        }
        return history;
    }

    [Fact]
    public void The_same_seed_proposes_the_same_trials_and_another_seed_others()
    {
        var first = Search(new TpeSampler(3), Mixed, MixedValue, 25).Select(t => t.Parameters).ToList();
        var again = Search(new TpeSampler(3), Mixed, MixedValue, 25).Select(t => t.Parameters).ToList();
        var other = Search(new TpeSampler(4), Mixed, MixedValue, 25).Select(t => t.Parameters).ToList();
        Assert.Equal(first.Select(Text), again.Select(Text));
        Assert.All(first.Zip(other), pair => Assert.NotEqual(Text(pair.First), Text(pair.Second)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_proposal_depends_only_on_seed_trial_number_and_history(bool multivariate)
    {
        // An uninterrupted search against a fresh sampler that sees only the stored history (a resumed search), with the
        // history in another order and with a record of the trial being proposed (a stale one) mixed in.
        var settings = new TpeSettings { Multivariate = multivariate };
        var full = Search(new TpeSampler(11, settings), Mixed, MixedValue, 30);
        foreach (var n in new[] { 3, 12, 29 })
        {
            var stored = full.Take(n).Reverse().Append(full[n] with { State = TrialState.Failed }).ToList();
            var resumed = new TpeSampler(11, settings).Propose(Mixed, stored, n);
            Assert.Equal(Text(full[n].Parameters), Text(resumed));
        }
        // The random sampler needs no history at all.
        var random = new RandomSampler(5);
        Assert.Equal(Text(random.Propose(Mixed, [], 17)), Text(new RandomSampler(5).Propose(Mixed, full, 17)));
    }

    [Fact]
    public void Tpe_starts_with_the_random_samplers_draws_and_pending_trials_do_not_count_as_finished()
    {
        var history = Search(new RandomSampler(2), Mixed, MixedValue, 9);
        history.AddRange(Enumerable.Range(9, 5).Select(n => new TrialRecord(n, new RandomSampler(2).Propose(Mixed, [], n), TrialState.Running, null, [])));
        history.Add(new TrialRecord(14, new RandomSampler(2).Propose(Mixed, [], 14), TrialState.Failed, null, []));
        Assert.Equal(Text(new RandomSampler(2).Propose(Mixed, [], 15)), Text(new TpeSampler(2).Propose(Mixed, history, 15)));
    }

    [Fact]
    public void Failed_trials_are_ignored()
    {
        var history = Search(new TpeSampler(8), Mixed, MixedValue, 20);
        var withFailures = history.Concat(Enumerable.Range(20, 4).Select(n =>
            new TrialRecord(n, new RandomSampler(99).Propose(Mixed, [], n), TrialState.Failed, null, [new(1, 0.0)]))).ToList();
        Assert.Equal(Text(new TpeSampler(8).Propose(Mixed, history, 24)), Text(new TpeSampler(8).Propose(Mixed, withFailures, 24)));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("multivariate")]
    public void Values_stay_in_their_domains(string sampler)
    {
        var space = new SearchSpace([
            new("f", ParameterKind.Float, -2, 3),
            new("lf", ParameterKind.Float, 1e-4, 1, Log: true),
            new("i", ParameterKind.Int, 1, 3),
            new("li", ParameterKind.Int, 1, 1000, Log: true),
            new("c", ParameterKind.Categorical, Choices: ["a", "b"]),
        ]);
        ISampler s = sampler switch
        {
            "random" => new RandomSampler(1),
            "tpe" => new TpeSampler(1),
            _ => new TpeSampler(1, new TpeSettings { Multivariate = true }),
        };
        // The objective prefers the ends, so TPE's kernels sit on the boundaries.
        var trials = Search(s, space, p => -Math.Abs(Num(p, "f")) - Num(p, "i") - Math.Abs(Math.Log(Num(p, "lf"))) - Num(p, "li"), 300);
        foreach (var p in trials.Select(t => t.Parameters))
        {
            Assert.InRange(Num(p, "f"), -2, Math.BitDecrement(3.0));
            Assert.InRange(Num(p, "lf"), 1e-4, Math.BitDecrement(1.0));
            Assert.InRange(Num(p, "i"), 1, 3);
            Assert.InRange(Num(p, "li"), 1, 1000);
            Assert.Equal(Math.Round(Num(p, "i")), Num(p, "i"));
            Assert.Equal(Math.Round(Num(p, "li")), Num(p, "li"));
            Assert.Contains(((ParameterValue.Choice)p["c"]).Value, new[] { "a", "b" });
        }
        Assert.Equal([1.0, 2, 3], trials.Select(t => Num(t.Parameters, "i")).Distinct().Order());
        Assert.Equal(2, trials.Select(t => t.Parameters["c"]).Distinct().Count());
    }

    [Fact]
    public void Random_draws_are_uniform_in_log_space_for_log_parameters()
    {
        var space = new SearchSpace([new("lf", ParameterKind.Float, 1e-4, 1, Log: true), new("li", ParameterKind.Int, 1, 10_000, Log: true)]);
        var draws = Enumerable.Range(0, 4000).Select(n => new RandomSampler(0).Propose(space, [], n)).ToList();
        // Half the log range lies below 1e-2 (and below 100): 0.5 with a binomial deviation of 0.008, checked to ±0.04.
        Assert.InRange(draws.Count(p => Num(p, "lf") < 1e-2) / 4000.0, 0.46, 0.54);
        Assert.InRange(draws.Count(p => Num(p, "li") < 100) / 4000.0, 0.46, 0.54);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conditional_parameters_appear_exactly_when_their_parent_enables_them(bool multivariate)
    {
        var space = new SearchSpace([
            // Declared before its parent: the space orders parents first.
            new("nesterov", ParameterKind.Categorical, Choices: ["yes", "no"], ParentName: "momentum_on", ParentValues: ["on"]),
            new("optimizer", ParameterKind.Categorical, Choices: ["sgd", "adam"]),
            new("momentum", ParameterKind.Float, 0, 1, ParentName: "optimizer", ParentValues: ["sgd"]),
            new("momentum_on", ParameterKind.Categorical, Choices: ["on", "off"], ParentName: "optimizer", ParentValues: ["sgd"]),
            new("beta2", ParameterKind.Float, 0.9, 0.9999, ParentName: "optimizer", ParentValues: ["adam"]),
        ]);
        double Objective(IReadOnlyDictionary<string, ParameterValue> p) => ((ParameterValue.Choice)p["optimizer"]).Value == "sgd"
            ? Math.Abs(Num(p, "momentum") - 0.9) + (p.TryGetValue("nesterov", out var n) && ((ParameterValue.Choice)n).Value == "yes" ? 0 : 0.1)
            : 1 - Num(p, "beta2");
        var trials = Search(new TpeSampler(4, new TpeSettings { Multivariate = multivariate }), space, Objective, 60);
        foreach (var p in trials.Select(t => t.Parameters))
        {
            var sgd = ((ParameterValue.Choice)p["optimizer"]).Value == "sgd";
            Assert.Equal(sgd, p.ContainsKey("momentum"));
            Assert.Equal(sgd, p.ContainsKey("momentum_on"));
            Assert.Equal(!sgd, p.ContainsKey("beta2"));
            Assert.Equal(sgd && ((ParameterValue.Choice)p["momentum_on"]).Value == "on", p.ContainsKey("nesterov"));
        }
        Assert.Contains(trials, t => t.Parameters.ContainsKey("nesterov"));
        Assert.Contains(trials, t => t.Parameters.ContainsKey("beta2"));
    }

    [Fact]
    public void A_value_recorded_while_its_parameter_was_disabled_does_not_inform_tpe()
    {
        var space = new SearchSpace([
            new("optimizer", ParameterKind.Categorical, Choices: ["sgd", "adam"]),
            new("momentum", ParameterKind.Float, 0, 1, ParentName: "optimizer", ParentValues: ["sgd"]),
        ]);
        var history = Search(new TpeSampler(6), space, p => p.TryGetValue("momentum", out var m) ? Math.Abs(((ParameterValue.Number)m).Value - 0.2) : 0.5, 30);
        var polluted = history.Select(t => t.Parameters.ContainsKey("momentum") ? t
            : t with { Parameters = new Dictionary<string, ParameterValue>(t.Parameters) { ["momentum"] = new ParameterValue.Number(0.95) } }).ToList();
        for (var n = 30; n < 36; n++)
            Assert.Equal(Text(new TpeSampler(6).Propose(space, history, n)), Text(new TpeSampler(6).Propose(space, polluted, n)));
    }

    [Fact]
    public void Pending_trials_push_proposals_away_with_the_constant_liar()
    {
        // 20 finished trials of (x − 0.5)², then 4 pending ones at 0.49..0.51: how many of 200 next proposals (one per
        // seed) land within 0.04 of 0.5, with and without the constant liar (measured: 0 with it, 73 without).
        var space = new SearchSpace([new("x", ParameterKind.Float, 0, 1)]);
        int Near(bool liar)
        {
            var near = 0;
            for (var seed = 0; seed < 200; seed++)
            {
                var history = Search(new TpeSampler(seed), space, p => Math.Pow(Num(p, "x") - 0.5, 2), 20);
                history.AddRange(new[] { 0.49, 0.497, 0.503, 0.51 }.Select((x, i) =>
                    new TrialRecord(20 + i, new Dictionary<string, ParameterValue> { ["x"] = new ParameterValue.Number(x) }, TrialState.Running, null, [])));
                var proposal = Num(new TpeSampler(seed, new TpeSettings { ConstantLiar = liar }).Propose(space, history, 24), "x");
                if (Math.Abs(proposal - 0.5) < 0.04)
                    near++;
            }
            return near;
        }
        var withLiar = Near(true);
        var without = Near(false);
        Assert.True(withLiar * 3 < without, $"near the pending trials: {withLiar} with the liar, {without} without");
    }

    [Fact]
    public void Tpe_finds_a_quadratics_minimum_better_than_random_search()
    {
        // Over 10 seeds, 60 trials each, of (x − 1.3)² + (y + 2.1)² on [−5, 5]²: the median best value. TPE's (0.024) is below a
        // quarter of random search's (0.238): a factor 10 was measured on these seeds, the margin is 2.5.
        var space = new SearchSpace([new("x", ParameterKind.Float, -5, 5), new("y", ParameterKind.Float, -5, 5)]);
        double Quadratic(IReadOnlyDictionary<string, ParameterValue> p) => Math.Pow(Num(p, "x") - 1.3, 2) + Math.Pow(Num(p, "y") + 2.1, 2);
        double MedianBest(Func<int, ISampler> make) => Median(Enumerable.Range(0, 10).Select(seed => Search(make(seed), space, Quadratic, 60).Min(t => t.Value!.Value)));
        var tpe = MedianBest(seed => new TpeSampler(seed));
        var random = MedianBest(seed => new RandomSampler(seed));
        Assert.True(tpe < random / 4, $"median best after 60 trials: TPE {tpe}, random {random}");
        // Maximising the negated quadratic is the same search.
        var maximised = Median(Enumerable.Range(0, 10).Select(seed =>
            -Search(new TpeSampler(seed, new TpeSettings { Direction = Direction.Maximize }), space, p => -Quadratic(p), 60).Max(t => t.Value!.Value)));
        Assert.Equal(tpe, maximised, 12);
    }

    [Fact]
    public void Multivariate_tpe_follows_a_ridge_that_univariate_tpe_cannot_see()
    {
        // Good points lie on the diagonal x = y of [0, 1]²; each coordinate alone says nothing. Median over 10 seeds of
        // the best value after 50 trials: measured 0.0086 multivariate with Scott's widths, 0.0234 univariate; checked
        // with a factor 1.5. Neighbour widths (the default) measured 0.0352 here (100 seeds: 0.0266, Scott 0.0123,
        // univariate 0.0259): kernels as narrow as the gaps along each axis do not reach along the diagonal.
        var space = new SearchSpace([new("x", ParameterKind.Float, 0, 1), new("y", ParameterKind.Float, 0, 1)]);
        double Ridge(IReadOnlyDictionary<string, ParameterValue> p) => 100 * Math.Pow(Num(p, "x") - Num(p, "y"), 2) + Math.Pow(Num(p, "x") - 0.7, 2);
        double MedianBest(TpeSettings settings) => Median(Enumerable.Range(0, 10).Select(seed =>
            Search(new TpeSampler(seed, settings), space, Ridge, 50).Min(t => t.Value!.Value)));
        var joint = MedianBest(new TpeSettings { JointBandwidth = JointBandwidth.Scott });
        var separate = MedianBest(new TpeSettings { Multivariate = false });
        Assert.True(joint * 1.5 < separate, $"median best after 50 trials: multivariate {joint}, univariate {separate}");
    }

    [Fact]
    public void Pruned_trials_count_as_finished_and_rank_after_complete_ones()
    {
        // 12 pruned trials with values far better than the one complete trial: TPE is past its start-up, and the good set
        // (γ(13) = 2) is the complete trial and the pruned trial that got furthest, not the pruned ones of lowest value.
        var space = new SearchSpace([new("x", ParameterKind.Float, 0, 1)]);
        TrialRecord Trial(int n, double x, TrialState state, double? value, params IntermediateValue[] reports) =>
            new(n, new Dictionary<string, ParameterValue> { ["x"] = new ParameterValue.Number(x) }, state, value, reports);
        var history = Enumerable.Range(0, 11).Select(n => Trial(n, 0.05 + 0.01 * n, TrialState.Pruned, null, new IntermediateValue(1, -100.0 - n))).ToList();
        history.Add(Trial(11, 0.8, TrialState.Pruned, null, new(1, 5.0), new(3, 4.0)));
        history.Add(Trial(12, 0.9, TrialState.Complete, 3.0));
        var proposals = Enumerable.Range(0, 50).Select(seed => Num(new TpeSampler(seed).Propose(space, history, 13), "x")).ToList();
        Assert.True(proposals.Count(x => x > 0.6) > 40, proposals.Count(x => x > 0.6) + ": " + string.Join(", ", proposals));
    }

    [Fact]
    public void Bad_spaces_are_refused_with_the_parameter_named()
    {
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new SearchSpace([new("x", ParameterKind.Float, 1, 1)])).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new SearchSpace([new("x", ParameterKind.Float, 0, 1, Log: true)])).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new SearchSpace([new("x", ParameterKind.Int, 0.5, 3)])).Message);
        Assert.Contains("'c'", Assert.Throws<ArgumentException>(() => new SearchSpace([new("c", ParameterKind.Categorical, Choices: [])])).Message);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => new SearchSpace([new("y", ParameterKind.Float, 0, 1, ParentName: "z", ParentValues: ["a"])])).Message);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => new SearchSpace([
            new("c", ParameterKind.Categorical, Choices: ["a"]),
            new("y", ParameterKind.Float, 0, 1, ParentName: "c", ParentValues: ["b"])])).Message);
        Assert.Throws<ArgumentException>(() => new SearchSpace([
            new("a", ParameterKind.Categorical, Choices: ["on"], ParentName: "b", ParentValues: ["on"]),
            new("b", ParameterKind.Categorical, Choices: ["on"], ParentName: "a", ParentValues: ["on"])]));
    }

    private static string Text(IReadOnlyDictionary<string, ParameterValue> p) =>
        string.Join(", ", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
