using Framework.Host.Sweeps;

namespace Framework.Host.Tests.Sweeps;

public sealed class SweepSpecReaderTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ListsAreGridAxesAndOneKeyMappingsAreDistributionsWhetherKeysAreDottedOrNested()
    {
        var spec = _files.Spec(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
                training:
                  optimizer:
                    lr: {log_uniform: [0.0001, 0.1]}
                model.decay: {uniform: [0.1, 0.9]}
                model.cd_k: {int: [1, 5]}
                model.sampler: {choice: [gibbs, parallel_tempering]}
                model.layers: [[64, 32], [128]]
              trials: 3
              repeats: 2
              failure: fail_fast
              retry: 1
              launcher: slurm
              slurm: {partition: gpu, time: "01:00:00", memory: 4G, gpus: 1, options: [--qos=short]}
            """));

        Assert.Equal(["model.hidden", "training.optimizer.lr", "model.decay", "model.cd_k", "model.sampler", "model.layers"], spec.Parameters.Select(p => p.Key));
        Assert.Equal(["8", "16"], spec.Parameters[0].Grid!.Select(v => v.Text));
        Assert.Equal(new SweepDistribution(DistributionKind.LogUniform, 0.0001, 0.1, []), spec.Parameters[1].Distribution);
        Assert.Equal(DistributionKind.Uniform, spec.Parameters[2].Distribution!.Kind);
        Assert.Equal((1.0, 5.0), (spec.Parameters[3].Distribution!.Low, spec.Parameters[3].Distribution!.High));
        Assert.Equal(["gibbs", "parallel_tempering"], spec.Parameters[4].Distribution!.Choices.Select(c => c.Text));
        Assert.Equal(["[64, 32]", "[128]"], spec.Parameters[5].Grid!.Select(v => v.Text));
        Assert.True(spec.IsRandom);
        Assert.Equal((3, 2, FailurePolicy.FailFast, 1, SweepLauncherKind.Slurm),
            (spec.Settings.Trials, spec.Settings.Repeats, spec.Settings.Failure, spec.Settings.Retry, spec.Settings.Launcher));
        Assert.Equal(("gpu", "01:00:00", "4G", 1, "--qos=short"),
            (spec.Settings.Slurm.Partition, spec.Settings.Slurm.Time, spec.Settings.Slurm.Memory, spec.Settings.Slurm.Gpus, spec.Settings.Slurm.Options.Single()));
    }

    [Fact]
    public void EveryMistakeInTheSweepSectionIsReportedAtItsLineAndColumn()
    {
        var result = _files.Load("""
            model: {plugin: rbm}
            dataset: {plugin: bars-and-stripes}
            sweep:
              parameters:
                model.hidden: 16
                tracking.uri: [a, b]
                hidden: [1, 2]
                model.decay: {uniform: [0.5]}
                model.weight_scale: {log_uniform: [0, 1]}
                model.cd_k: {int: [5, 1]}
              repeat: 2
              repeats: 0
              failure: stop
              slurm: {time: "two hours"}
            """);

        Assert.False(result.IsValid);
        var errors = result.Errors.Select(e => $"{e.Line}:{e.Column}: {e.Message}").ToList();
        Assert.Contains(errors, e => e.StartsWith("5:19: ", StringComparison.Ordinal) && e.Contains("expected a list of values (a grid axis)", StringComparison.Ordinal) && e.Contains("[16]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("6:5: ", StringComparison.Ordinal) && e.Contains("'tracking.uri' cannot be swept", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("7:5: ", StringComparison.Ordinal) && e.Contains("write section.option, for example model.hidden", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("8:28: ", StringComparison.Ordinal) && e.Contains("expected [low, high]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("9:39: ", StringComparison.Ordinal) && e.Contains("must be positive", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("10:23: ", StringComparison.Ordinal) && e.Contains("low must be at most high", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("11:3: ", StringComparison.Ordinal) && e.Contains("did you mean 'repeats'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("12:12: ", StringComparison.Ordinal) && e.Contains("sweep.repeats", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("13:12: ", StringComparison.Ordinal) && e.Contains("fail_fast", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("14:17: ", StringComparison.Ordinal) && e.Contains("a Slurm time", StringComparison.Ordinal));
    }

    [Fact]
    public void DistributionsWithoutADrawCountAndAGridWithOneAreBothRefused()
    {
        var random = _files.Load(SweepFiles.WithSweep("""
              parameters:
                model.decay: {uniform: [0.1, 0.9]}
            """));
        var grid = _files.Load(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
              trials: 4
            """));

        Assert.Contains(random.Errors, e => e.Message.Contains("random search needs a number of draws", StringComparison.Ordinal));
        Assert.Contains(grid.Errors, e => e.Message.Contains("applies to random search only", StringComparison.Ordinal));
    }

    [Fact]
    public void ASweepThatExpandsToTooManyTrialsIsRefusedBeforeExpansion()
    {
        string values = "[" + string.Join(", ", Enumerable.Range(1, 1000)) + "]";
        var result = _files.Load(SweepFiles.WithSweep($"""
              parameters:
                model.hidden: {values}
                model.chains: {values}
            """));

        Assert.Contains(result.Errors, e => e.Message.Contains("expands to 1000000 trials", StringComparison.Ordinal));
    }

    [Fact]
    public void ACommandLineOverrideReplacesOrRemovesASweptKeyWrittenWithDots()
    {
        var yaml = SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
                model.cd_k: [1, 2]
            """);

        var replaced = _files.Spec(yaml, "sweep.parameters.model.hidden=[4, 5, 6]");
        var removed = _files.Spec(yaml, "sweep.parameters.model.cd_k=null");

        Assert.Equal(["4", "5", "6"], replaced.Parameters.Single(p => p.Key == "model.hidden").Grid!.Select(v => v.Text));
        Assert.Equal(2, replaced.Parameters.Count);
        Assert.Equal(["model.hidden"], removed.Parameters.Select(p => p.Key));
    }

    [Fact]
    public void TheSweepSectionStaysOutOfTheParamsAndResolvedConfigurationOfARun()
    {
        var result = _files.Load(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 16]
            """));
        var plain = _files.Load("""
            model: {plugin: rbm}
            dataset: {plugin: bars-and-stripes}
            """);

        Assert.NotNull(result.Definition!.Sweep);
        Assert.DoesNotContain(result.Definition.FlatParameters.Keys, k => k.StartsWith("sweep", StringComparison.Ordinal));
        Assert.DoesNotContain("sweep:", result.Definition.ResolvedYaml, StringComparison.Ordinal);
        Assert.Null(plain.Definition!.Sweep);
    }

    [Fact]
    public void ASearchNeedsItsMetricAndTrialsAndRunsEachProposalOnce()
    {
        var noMetric = _files.Load(SweepFiles.WithSweep("""
              search: tpe
              trials: 20
              parameters:
                model.hidden: {int: [8, 64]}
            """));
        var noTrials = _files.Load(SweepFiles.WithSweep("""
              search: random
              metric: test/loglik
              parameters:
                model.hidden: {int: [8, 64]}
            """));
        var repeats = _files.Load(SweepFiles.WithSweep("""
              search: tpe
              trials: 20
              repeats: 3
              metric: test/loglik
              parameters:
                model.hidden: {int: [8, 64]}
            """));
        var prunedGrid = _files.Load(SweepFiles.WithSweep("""
              pruner: median
              parameters:
                model.hidden: [8, 16]
            """));
        var misspelt = _files.Load(SweepFiles.WithSweep("""
              search: bayes
              parameters:
                model.hidden: [8, 16]
            """));
        var valid = _files.Spec(SweepFiles.WithSweep("""
              search: tpe
              trials: 20
              startup_trials: 5
              metric: test/loglik
              goal: maximize
              pruner: asha
              pruning: {min_resource: 2, reduction_factor: 4}
              parameters:
                model.hidden: {int: [8, 64]}
            """));

        Assert.Contains("sweep.metric: search: tpe with pruner: none ranks trials by one metric", Assert.Single(noMetric.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("sweep.trials: search: random needs the number of trials", Assert.Single(noTrials.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("sweep.repeats: search: tpe runs each proposal once", Assert.Single(repeats.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("with pruner: median ranks trials by one metric", Assert.Single(prunedGrid.Errors).Message, StringComparison.Ordinal);
        var error = Assert.Single(misspelt.Errors);
        Assert.Equal((8, 11), (error.Line, error.Column));
        Assert.Contains("grid", error.Message, StringComparison.Ordinal);
        Assert.Contains("tpe", error.Message, StringComparison.Ordinal);
        Assert.True(valid.IsSearch);
        Assert.Equal((SearchKind.Tpe, 20, 5, PrunerKind.Asha, 2, 4),
            (valid.Settings.Search, valid.Settings.Trials, valid.Settings.StartupTrials, valid.Settings.Pruner, valid.Settings.Pruning.MinResource, valid.Settings.Pruning.ReductionFactor));
    }

    [Fact]
    public void AConditionMustNameACategoricalParameterOfASearchAndValuesItTakes()
    {
        string Sweep(string search, string when) => SweepFiles.WithSweep($$$"""
              search: {{{search}}}
              trials: 10
              metric: test/loglik
              parameters:
                model.hidden: {int: [8, 64]}
                model.visible_bias_init: [zeros, log_odds]
                model.gibbs_steps: {int: [1, 5], when: {{{when}}}}
            """);

        var valid = _files.Spec(Sweep("tpe", "{model.visible_bias_init: zeros}"));
        var numericParent = _files.Load(Sweep("tpe", "{model.hidden: [8]}"));
        var unknownValue = _files.Load(Sweep("tpe", "{model.visible_bias_init: [ones]}"));
        var grid = _files.Load(Sweep("grid", "{model.visible_bias_init: zeros}").Replace("  trials: 10\n", "", StringComparison.Ordinal));

        Assert.Equal("model.visible_bias_init", valid.Parameters[2].When!.ParentKey);
        Assert.Equal(["zeros"], valid.Parameters[2].When!.Values);
        Assert.Equal("{int: [1, 5], when: {model.visible_bias_init: [zeros]}}", valid.Parameters[2].Describe());
        Assert.Contains("'model.hidden' is not a categorical parameter of this sweep (a list or a choice); allowed: model.visible_bias_init",
            Assert.Single(numericParent.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("'ones' is not a value of model.visible_bias_init; allowed: zeros, log_odds", Assert.Single(unknownValue.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("conditional parameters need search: random or tpe", Assert.Single(grid.Errors).Message, StringComparison.Ordinal);
    }
}
