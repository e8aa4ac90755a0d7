using Framework.Host.Experiments;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments;

public sealed class ExperimentLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ExperimentLoader _loader = new(TestPluginCatalog.Standard());

    public void Dispose() => _folder.Dispose();

    private (string Path, ExperimentLoadResult Result) Load(string yaml, params string[] overrides)
    {
        var path = _folder.Write("experiment.yaml", yaml);
        return (path, _loader.Load(path, overrides));
    }

    [Fact]
    public void AValidFileBindsTypedValuesAndFillsDefaults()
    {
        var (path, result) = Load("""
            name: ising-rbm
            description: RBM on Ising lattices
            model:
              plugin: rbm
              hidden: 256
              sampler: parallel_tempering
              weight_scale: 0.05
              chains: 5000000000
              layers: [128, 64, 32]
              temperatures: [0.5, 1, 2.5]
              momentum:
                initial: 0.4
              notes: {author: ada, run: 3}
            dataset:
              plugin: ising
              temperature: 2.5
            training:
              epochs: 20
              seed: 7
              optimizer:
                name: sgd
                lr: 1e-2
            tracking:
              tags:
                team: physics
            """);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var definition = result.Definition!;
        Assert.Equal(path, definition.SourcePath);
        Assert.Equal("ising-rbm", definition.Name);
        Assert.Equal("RBM on Ising lattices", definition.Description);

        Assert.Equal("rbm", definition.Model.PluginName);
        var rbm = Assert.IsType<TestRbmOptions>(definition.Model.Options);
        Assert.Equal(256, rbm.Hidden);
        Assert.Equal(1, rbm.CdK); // default
        Assert.Equal(TestSamplerKind.ParallelTempering, rbm.Sampler);
        Assert.Equal(0.05f, rbm.WeightScale);
        Assert.Equal(5_000_000_000L, rbm.Chains);
        Assert.Equal([128, 64, 32], rbm.Layers);
        Assert.Equal([0.5, 1.0, 2.5], rbm.Temperatures);
        Assert.Equal(["energy"], rbm.Observables); // default
        Assert.Equal(0.4, rbm.Momentum.Initial);
        Assert.Equal(0.9, rbm.Momentum.Final); // the parent's initialiser, not the group class's 0.5
        Assert.Equal(5, rbm.Momentum.SwitchEpoch);
        Assert.Equal(new Dictionary<string, string> { ["author"] = "ada", ["run"] = "3" }, rbm.Notes);

        Assert.Equal("ising", definition.Dataset.PluginName);
        var ising = Assert.IsType<TestIsingOptions>(definition.Dataset.Options);
        Assert.Equal(2.5, ising.Temperature);
        Assert.Equal(16, ising.L);

        Assert.Equal(20, definition.Training.Epochs);
        Assert.Equal(64, definition.Training.BatchSize); // default
        Assert.Equal(7L, definition.Training.Seed);
        Assert.Equal("sgd", definition.Training.Optimizer.Name);
        Assert.Equal(0.01, definition.Training.Optimizer.Lr);
        Assert.Equal(0.999, definition.Training.Optimizer.Beta2); // default
        Assert.Equal("physics", definition.Tracking.Tags["team"]);
        Assert.Equal("", definition.Tracking.Uri);
        Assert.Empty(definition.Overrides);
    }

    [Fact]
    public void OneFileWithFourKindsOfMistakeYieldsAllFourErrorsAtTheirPositions()
    {
        var (path, result) = Load("""
            name: broken
            model:
              plugin: rbm
              hiden: 128
              cd_k: abc
            dataset:
              plugin: bars-and-stripe
              size: 99
            training:
              epochs: 0
            """);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        Assert.Equal(
            [
                $"{path}:4:3: unknown key 'hiden' in model (plugin 'rbm'); did you mean 'hidden'? (allowed: plugin, hidden, cd_k, persistent, sampler, weight_scale, decay, chains, visible_bias_init, label, mode, layers, temperatures, dropout, seeds, observables, momentum, notes)",
                $"{path}:5:9: model.cd_k: expected an integer, got 'abc'",
                $"{path}:7:11: unknown dataset plugin 'bars-and-stripe'; available: bars-and-stripes, ising; did you mean 'bars-and-stripes'?",
                $"{path}:10:11: training.epochs: must be between 1 and 1000000, got 0",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AYamlSyntaxErrorYieldsOneLocatedError()
    {
        var (path, result) = Load("""
            model:
              plugin: rbm
                hidden: 3
            dataset: {plugin: ising}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(11, error.Column);
        Assert.StartsWith("malformed YAML:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnclosedFlowListIsReportedWhereItOpens()
    {
        var (path, result) = Load("""
            model: {plugin: rbm, layers: [1, 2}
            dataset: {plugin: ising}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains("malformed YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeysGetDidYouMeanSuggestionsAndShortListsOfAllowedKeys()
    {
        var (_, result) = Load("""
            model: {plugin: rbm, cdk: 2, batchSize: 3}
            dataset: {plugin: ising, temprature: 2.0}
            trainig: {epochs: 2}
            training: {BatchSize: 3, optimizer: {lr_rate: 0.1}}
            """);

        var messages = result.Errors.Select(e => e.Message).ToList();
        Assert.Equal(6, messages.Count);
        Assert.StartsWith("unknown key 'cdk' in model (plugin 'rbm'); did you mean 'cd_k'?", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("unknown key 'batchSize' in model (plugin 'rbm')", messages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", messages[1], StringComparison.Ordinal);
        Assert.Equal("unknown key 'temprature' in dataset (plugin 'ising'); did you mean 'temperature'? (allowed: plugin, l, temperature)", messages[2]);
        Assert.Equal("unknown key 'trainig' in the experiment file; did you mean 'training'? (allowed: name, description, model, dataset, training, tracking, sweep, defaults)", messages[3]);
        Assert.StartsWith("unknown key 'BatchSize' in training; did you mean 'batch_size'?", messages[4], StringComparison.Ordinal);
        Assert.StartsWith("unknown key 'lr_rate' in training.optimizer; did you mean 'lr'?", messages[5], StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesOutsideTheirConstraintsNameTheRuleTheyBreak()
    {
        var (_, result) = Load("""
            model:
              plugin: rbm
              weight_scale: 0
              decay: 1
              visible_bias_init: zero
              label: Bad_Label
              mode: medium
              sampler: gibs
              layers: [64, 0]
              observables: [energy, entropy]
              persistent: yes
              hidden: 2.5
              chains: 1e3
            dataset: {plugin: ising, l: 99999999999}
            training:
              device: gpu
              optimizer: {name: adma}
            """);

        Assert.Equal(
            [
                "model.weight_scale: must be greater than 0 and at most 1, got 0",
                "model.decay: must be at least 0 and less than 1, got 1",
                "model.visible_bias_init: 'zero' is not allowed; allowed: zeros, log_odds; did you mean 'zeros'?",
                "model.label: 'Bad_Label' does not match the pattern ^[a-z][a-z0-9-]*$",
                "model.mode: 'medium' is not valid: use fast or slow",
                "model.sampler: 'gibs' is not allowed; allowed: gibbs, parallel_tempering; did you mean 'gibbs'?",
                "model.layers[1]: must be between 1 and 4096, got 0",
                "model.observables[1]: 'entropy' is not allowed; allowed: energy, magnetization",
                "model.persistent: expected true or false, got 'yes'",
                "model.hidden: expected an integer, got 2.5",
                "dataset.l: 99999999999 does not fit in a 32-bit integer (-2147483648 to 2147483647)",
                "training.device: 'gpu' is not valid: allowed: auto, cpu, cuda, cuda:N",
                "training.optimizer.name: 'adma' is not allowed; allowed: adam, adamw, sgd, rmsprop; did you mean 'adam'?",
            ],
            result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void AMappingWhereAScalarBelongsAndAScalarWhereAMappingBelongsAreErrors()
    {
        var (path, result) = Load("""
            model:
              plugin: rbm
              hidden: {size: 3}
              momentum: 0.9
              layers: 64
            dataset: {plugin: ising}
            training: 5
            """);

        Assert.Equal(
            [
                $"{path}:3:11: model.hidden: expected an integer, got a mapping",
                $"{path}:4:13: model.momentum: expected a group of options (initial, final, switch_epoch), got '0.9'",
                $"{path}:5:11: model.layers: expected a list of integers, got '64' (write [64] for a list of one)",
                $"{path}:7:11: training: expected a mapping of options (epochs, batch_size, seed, device, threads, log_every, eval_every, eval_batch_size, checkpoint_every, sample_every, sample_count, final_sample_count, optimizer, optimizers, schedule, accumulate_batches, ema, early_stopping), got '5'",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void MissingRequiredKeysAreReportedAtTheirParent()
    {
        var (path, result) = Load("""
            name: incomplete
            model:
              hidden: 3
            """);

        Assert.Equal(
            [
                $"{path}:1:1: missing required section 'dataset': add dataset: {{plugin: NAME}} (available: bars-and-stripes, ising)",
                $"{path}:2:1: model: missing required key 'plugin', the name of a model plugin (available: rbm, vae)",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void OptionsOfAnUnknownPluginAreNotValidated()
    {
        var (_, result) = Load("""
            model: {plugin: rmb, no_such_option: [1, 2]}
            dataset: {plugin: ising}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("unknown model plugin 'rmb'; available: rbm, vae; did you mean 'rbm'?", error.Message);
    }

    [Fact]
    public void PluginNamesMatchIgnoringCaseAndResolveToTheCanonicalName()
    {
        var (_, result) = Load("model: {plugin: RBM}\ndataset: {plugin: Ising}\n");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("rbm", result.Definition!.Model.PluginName);
        Assert.Equal("ising", result.Definition.Dataset.PluginName);
    }

    [Fact]
    public void DuplicateKeysAreErrors()
    {
        var (path, result) = Load("""
            model: {plugin: rbm}
            dataset: {plugin: ising}
            training:
              epochs: 3
              epochs: 4
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}:5:3: duplicate key 'epochs' (first given at line 4); remove one of them", error.ToString());
    }

    [Fact]
    public void TheNameDefaultsToTheFileNameWithoutExtension()
    {
        var path = _folder.Write("mnist-rbm.yaml", "model: {plugin: rbm}\ndataset: {plugin: bars-and-stripes}\n");

        var result = _loader.Load(path, []);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("mnist-rbm", result.Definition!.Name);
        Assert.Null(result.Definition.Description);
    }

    [Fact]
    public void QuotedNumbersAreStringsAndWholeFloatsAreIntegers()
    {
        var (_, result) = Load("""
            model: {plugin: rbm, hidden: "64", cd_k: 2.0, label: "abc"}
            dataset: {plugin: ising}
            training: {epochs: 1e3}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("model.hidden: expected an integer, got the quoted string '64'", error.Message);
    }

    [Fact]
    public void AnEmptyFileReportsBothMissingSections()
    {
        var (path, result) = Load("# nothing yet\n");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal((path, 1, 1), (e.File, e.Line, e.Column)));
        Assert.Contains("'model'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'dataset'", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatDoesNotExistIsOneError()
    {
        var path = Path.Combine(_folder.Path, "missing.yaml");

        var result = _loader.Load(path, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal((path, 1, 1), (error.File, error.Line, error.Column));
        Assert.StartsWith("cannot read the experiment file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorsAndMergeKeysWork()
    {
        var (_, result) = Load("""
            dataset: {plugin: ising}
            model: &base {plugin: rbm, hidden: 32}
            training:
              <<: {epochs: 3, batch_size: 16}
              epochs: 5
            """);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(32, ((TestRbmOptions)result.Definition!.Model.Options).Hidden);
        Assert.Equal(5, result.Definition.Training.Epochs);
        Assert.Equal(16, result.Definition.Training.BatchSize);
    }
}
