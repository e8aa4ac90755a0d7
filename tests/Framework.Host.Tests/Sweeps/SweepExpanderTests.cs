using System.Globalization;
using Framework.Host.Sweeps;

namespace Framework.Host.Tests.Sweeps;

public sealed class SweepExpanderTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AGridExpandsToEveryCombinationInFileOrderWithSeedRepeatsInnermost()
    {
        var spec = _files.Spec(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
                training.optimizer.lr: [0.01, 0.1]
              repeats: 2
            """));

        var trials = SweepExpander.Expand(spec, baseSeed: 5);

        Assert.Equal(8, SweepExpander.Count(spec));
        Assert.Equal(
        [
            "model.hidden=8 training.optimizer.lr=0.01 training.seed=5",
            "model.hidden=8 training.optimizer.lr=0.01 training.seed=6",
            "model.hidden=8 training.optimizer.lr=0.1 training.seed=5",
            "model.hidden=8 training.optimizer.lr=0.1 training.seed=6",
            "model.hidden=16 training.optimizer.lr=0.01 training.seed=5",
            "model.hidden=16 training.optimizer.lr=0.01 training.seed=6",
            "model.hidden=16 training.optimizer.lr=0.1 training.seed=5",
            "model.hidden=16 training.optimizer.lr=0.1 training.seed=6",
        ], trials.Select(t => string.Join(' ', t.Overrides.Select(o => o.Argument))));
        Assert.Equal(Enumerable.Range(0, 8), trials.Select(t => t.Index));
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], trials.Select(t => t.Repeat));
    }

    [Fact]
    public void RepeatsStartFromASweptSeedRatherThanTheBaseSeed()
    {
        var spec = _files.Spec(SweepFiles.WithSweep("""
              parameters:
                training.seed: [100, 200]
              repeats: 3
            """));

        var seeds = SweepExpander.Expand(spec, baseSeed: 5).Select(t => t.Overrides.Single().Value);

        Assert.Equal(["100", "101", "102", "200", "201", "202"], seeds);
    }

    [Fact]
    public void RandomDrawsStayInTheirRangesAndAreTheSameOnEveryExpansion()
    {
        const string sweep = """
              parameters:
                training.optimizer.lr: {log_uniform: [0.0001, 0.1]}
                model.decay: {uniform: [0.2, 0.4]}
                model.cd_k: {int: [1, 3]}
                model.sampler: {choice: [gibbs, parallel_tempering]}
              trials: 200
            """;
        var spec = _files.Spec(SweepFiles.WithSweep(sweep));
        var other = _files.Spec(SweepFiles.WithSweep(sweep), "sweep.seed=1");

        var first = SweepExpander.Expand(spec, 0);
        var second = SweepExpander.Expand(spec, 0);
        var reseeded = SweepExpander.Expand(other, 0);

        Assert.Equal(200, first.Count);
        Assert.Equal(first.Select(Describe), second.Select(Describe));
        Assert.NotEqual(first.Select(Describe), reseeded.Select(Describe));
        var lr = Values(first, "training.optimizer.lr");
        Assert.All(lr, v => Assert.InRange(v, 0.0001, 0.1));
        Assert.True(lr.Count(v => v < 0.001) > 40, "a log-uniform draw puts a third of its values in each decade");
        Assert.All(Values(first, "model.decay"), v => Assert.InRange(v, 0.2, 0.4));
        Assert.Equal([1.0, 2.0, 3.0], Values(first, "model.cd_k").Distinct().Order());
        Assert.Equal(["gibbs", "parallel_tempering"], first.Select(t => t.Overrides.Single(o => o.Key == "model.sampler").Value).Distinct().Order());
    }

    [Fact]
    public void EachGridPointGetsTheSameRandomDraws()
    {
        var spec = _files.Spec(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
                model.decay: {uniform: [0.1, 0.9]}
              trials: 3
            """));

        var trials = SweepExpander.Expand(spec, 0);

        Assert.Equal(6, trials.Count);
        var draws = trials.GroupBy(t => t.Overrides.Single(o => o.Key == "model.hidden").Value)
            .Select(g => string.Join(',', g.Select(t => t.Overrides.Single(o => o.Key == "model.decay").Value)))
            .ToList();
        Assert.Equal(draws[0], draws[1]);
    }

    private static string Describe(ExpandedTrial trial) => string.Join(' ', trial.Overrides.Select(o => o.Argument));

    private static List<double> Values(IEnumerable<ExpandedTrial> trials, string key) =>
        trials.Select(t => double.Parse(t.Overrides.Single(o => o.Key == key).Value, CultureInfo.InvariantCulture)).ToList();
}
