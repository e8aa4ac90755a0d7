using Framework.Host.Sweeps;
using Framework.Host.Tests.Support;
using Framework.Host.Training;

namespace Framework.Host.Tests.Sweeps;

public sealed class SweepPlannerTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void EveryTrialIsValidatedAndEachBadValueIsReportedAtItsPlaceInTheSweepSection()
    {
        var result = _files.Plan(SweepFiles.WithSweep("""
              parameters:
                model.hidden: [8, 0, 16, 200000]
                model.visible_bias_init: [zeros, ones]
            """));

        Assert.False(result.IsValid);
        Assert.Null(result.Plan);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains(":9:23: model.hidden:", StringComparison.Ordinal) && e.Contains("(in trials 2, 3: model.hidden=0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(":9:30: model.hidden:", StringComparison.Ordinal) && e.Contains("(in trials 6, 7: model.hidden=200000", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(":10:38: model.visible_bias_init:", StringComparison.Ordinal) && e.Contains("log_odds", StringComparison.Ordinal));
    }

    [Fact]
    public void TrialIdsAreHashesOfResolvedValuesSharedByCheckpointsAndStableAcrossPlans()
    {
        const string yaml = """
            model: {plugin: rbm}
            dataset: {plugin: bars-and-stripes}
            sweep:
              parameters:
                model.hidden: [8, 16]
              repeats: 2
            """;

        var first = _files.ValidPlan(yaml);
        var again = _files.ValidPlan(yaml);
        var changed = _files.ValidPlan(yaml, "training.epochs=3");

        Assert.Equal(first.Trials.Select(t => t.Id), again.Trials.Select(t => t.Id));
        Assert.Equal(first.SweepId, again.SweepId);
        Assert.All(first.Trials, t => Assert.Equal(ConfigHash.Compute(t.Definition.FlatParameters), t.Id));
        Assert.Equal(4, first.Trials.Select(t => t.Id).Distinct().Count());
        Assert.Equal(first.Trials[0].ConfigurationId, first.Trials[1].ConfigurationId);
        Assert.NotEqual(first.Trials[1].ConfigurationId, first.Trials[2].ConfigurationId);
        Assert.Equal([0L, 1L, 0L, 1L], first.Trials.Select(t => t.Seed));
        Assert.NotEqual(first.SweepId, changed.SweepId);
        Assert.All(changed.Trials, t => Assert.Equal(3, t.Definition.Training.Epochs));
    }

    [Fact]
    public void TwoValuesThatResolveToTheSameConfigurationAreRefused()
    {
        var result = _files.Plan(SweepFiles.WithSweep("""
              parameters:
                model.decay: [0.5, 0.50, 0.25]
            """));

        var error = Assert.Single(result.Errors);
        Assert.Contains("trials 0, 1 resolve to the same configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutASweepSectionIsSentToRun()
    {
        var result = _files.Plan("""
            model: {plugin: rbm}
            dataset: {plugin: bars-and-stripes}
            """);

        Assert.Contains("no 'sweep' section", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfigGroupAxisSwapsWholeSectionsFromFilesRelativeToTheSweepFile()
    {
        _files.Write("plugin: rbm\nhidden: 12\n", "models/rbm.yaml");
        _files.Write("model:\n  plugin: vae\n  latent: 3\n", "models/vae.yaml");

        var plan = _files.ValidPlan(SweepFiles.WithSweep("""
              parameters:
                model: [models/rbm.yaml, models/vae.yaml]
                training.epochs: [2, 3]
            """));

        Assert.Equal(4, plan.Trials.Count);
        Assert.Equal(["rbm", "rbm", "vae", "vae"], plan.Trials.Select(t => t.Definition.Model.PluginName));
        Assert.Equal(12, ((TestRbmOptions)plan.Trials[0].Definition.Model.Options).Hidden);
        Assert.Equal(3, ((TestVaeOptions)plan.Trials[3].Definition.Model.Options).Latent);
        Assert.Equal("model=models/vae.yaml training.epochs=3", plan.Trials[3].Describe());
        Assert.Equal(4, plan.Trials.Select(t => t.ConfigurationId).Distinct().Count());
    }

    [Fact]
    public void AnIncludeAxisSwapsTheModelAndItsTrainingTogether()
    {
        // Each family file holds whole sections: the model, and the training that suits it (Hydra's experiment configs);
        // a section in it may itself be a section file, relative to the family file.
        _files.Write("model: {plugin: rbm, hidden: 12}\ntraining: {epochs: 7}\n", "families/rbm.yaml");
        _files.Write("model: ../models/vae.yaml\ntraining: {epochs: 2, batch_size: 4}\n", "families/vae.yaml");
        _files.Write("plugin: vae\nlatent: 3\n", "models/vae.yaml");

        var plan = _files.ValidPlan(SweepFiles.WithSweep("""
              parameters:
                include: [families/rbm.yaml, families/vae.yaml]
            """));

        Assert.Equal(["rbm", "vae"], plan.Trials.Select(t => t.Definition.Model.PluginName));
        Assert.Equal(12, ((TestRbmOptions)plan.Trials[0].Definition.Model.Options).Hidden);
        Assert.Equal(3, ((TestVaeOptions)plan.Trials[1].Definition.Model.Options).Latent);
        Assert.Equal([7, 2], plan.Trials.Select(t => t.Definition.Training.Epochs));
        Assert.Equal(4, plan.Trials[1].Definition.Training.BatchSize);
        Assert.Equal("include=families/vae.yaml", plan.Trials[1].Describe());
    }

    [Fact]
    public void AnIncludeFileWithASectionItMayNotChangeOrABadOptionIsReportedInThatFile()
    {
        _files.Write("model: {plugin: vae, beta: -1}\nsweep: {parameters: {model.latent: [2]}}\n", "families/bad.yaml");

        var result = _files.Plan(SweepFiles.WithSweep("""
              parameters:
                include: [families/bad.yaml, families/missing.yaml]
            """));

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.Contains("bad.yaml:2:1: include: 'sweep' cannot come from an include file; allowed: model, dataset, training", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("include: cannot read the file 'families/missing.yaml'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidOptionInASectionFileIsReportedAtItsOwnFileLineAndColumn()
    {
        _files.Write("plugin: vae\nlatent: 3\nbeta: -1\n", "models/vae.yaml");

        var result = _files.Plan(SweepFiles.WithSweep("""
              parameters:
                model: [models/vae.yaml, models/missing.yaml]
            """));

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("vae.yaml:3:7: model.beta:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(":9:30: model: cannot read the section file 'models/missing.yaml'", StringComparison.Ordinal));
    }

    [Fact]
    public void ASearchIsCheckedAtEveryChoiceAndBothEndsOfEveryRangeBeforeItStarts()
    {
        var result = _files.Plan(SweepFiles.WithSweep("""
              search: tpe
              trials: 10
              metric: test/loglik
              parameters:
                model.hidden: {int: [0, 64]}
                model.visible_bias_init: {choice: [zeros, ones]}
            """));
        var valid = _files.ValidPlan(SweepFiles.WithSweep("""
              search: tpe
              trials: 10
              metric: test/loglik
              parameters:
                model.hidden: {int: [1, 64]}
            """));

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.True(errors.Count == 2, string.Join("\n", errors));
        Assert.True(errors.Any(e => e.Contains(":12:19: model.hidden:", StringComparison.Ordinal) && e.Contains("a value the search may propose", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.True(errors.Any(e => e.Contains(":13:47: model.visible_bias_init:", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.Empty(valid.Trials);
        Assert.Equal(10, valid.PlannedTrialCount);
        Assert.Equal(SweepIds.Search(valid.Base), valid.SweepId);
    }

    [Fact]
    public void AConditionalParameterIsCheckedAndProposedOnlyWhereItsParentEnablesIt()
    {
        _files.Write("plugin: rbm\nhidden: 12\n", "models/rbm.yaml");
        _files.Write("plugin: vae\n", "models/vae.yaml");
        string Search(string enabledBy) => SweepFiles.WithSweep($$$"""
              search: random
              trials: 20
              metric: test/loglik
              parameters:
                model: [models/rbm.yaml, models/vae.yaml]
                model.latent: {int: [2, 8], when: {model: [{{{enabledBy}}}]}}
            """);

        var plan = _files.ValidPlan(Search("models/vae.yaml"));
        var wrongParent = _files.Plan(Search("models/rbm.yaml"));

        // Checked before the search starts: latent is an option of the vae, not of the rbm.
        var error = Assert.Single(wrongParent.Errors);
        Assert.Contains("unknown key 'latent' in model", error.Message, StringComparison.Ordinal);
        var space = Framework.Host.Sweeps.Search.SweepSearchSpace.Of(plan.Spec);
        var sampler = new Framework.Search.RandomSampler(7);
        var overrides = Enumerable.Range(0, 20)
            .Select(n => Framework.Host.Sweeps.Search.SweepSearchSpace.Overrides(plan.Spec, sampler.Propose(space, [], n)))
            .ToList();
        Assert.Contains(overrides, o => o.Any(x => x.Value == "models/rbm.yaml"));
        Assert.Contains(overrides, o => o.Any(x => x.Value == "models/vae.yaml"));
        Assert.All(overrides, o => Assert.Equal(o.Any(x => x.Value == "models/vae.yaml"), o.Any(x => x.Key == "model.latent")));
    }

    [Fact]
    public void TheBaseFileMayNameItsModelSectionByFileSoAFamilySweepNeedsNoInlineModel()
    {
        _files.Write("plugin: rbm\nhidden: 12\n", "models/rbm.yaml");
        _files.Write("plugin: vae\nlatent: 3\n", "models/vae.yaml");

        var plan = _files.ValidPlan("""
            model: models/rbm.yaml
            dataset: {plugin: bars-and-stripes}
            sweep:
              parameters:
                model: [models/rbm.yaml, models/vae.yaml]
            """);
        var missing = _files.Load("""
            model: models/none.yaml
            dataset: {plugin: bars-and-stripes}
            """);

        Assert.Equal(12, ((TestRbmOptions)plan.Base.Model.Options).Hidden);
        Assert.Equal(["rbm", "vae"], plan.Trials.Select(t => t.Definition.Model.PluginName));
        var error = Assert.Single(missing.Errors);
        Assert.Equal((1, 8), (error.Line, error.Column));
        Assert.Contains("cannot read the section file 'models/none.yaml'", error.Message, StringComparison.Ordinal);
    }
}
