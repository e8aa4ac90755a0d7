using Framework.Host.Experiments;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments;

public sealed class OverrideApplierTests : IDisposable
{
    private const string Rbm = """
        model:
          plugin: rbm
          hidden: 64
          cd_k: 5
        dataset: {plugin: ising}
        training: {epochs: 10}
        """;

    private readonly TempFolder _folder = new();
    private readonly ExperimentLoader _loader = new(TestPluginCatalog.Standard());

    public void Dispose() => _folder.Dispose();

    private ExperimentLoadResult Load(string yaml, params string[] overrides) =>
        _loader.Load(_folder.Write("experiment.yaml", yaml), overrides);

    [Fact]
    public void OverridesReplaceFileValuesInOrderAndAcceptYamlFlowValues()
    {
        var result = Load(Rbm,
            "training.epochs=3", "model.layers=[8, 4]", "model.notes={run: 7}", "training.optimizer.lr=0.5",
            "training.epochs=4", "tracking.uri=http://mlflow:5000");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var definition = result.Definition!;
        var rbm = (TestRbmOptions)definition.Model.Options;
        Assert.Equal(4, definition.Training.Epochs); // the later override wins
        Assert.Equal([8, 4], rbm.Layers);
        Assert.Equal("7", rbm.Notes["run"]);
        Assert.Equal(64, rbm.Hidden); // untouched file value
        Assert.Equal(0.5, definition.Training.Optimizer.Lr);
        Assert.Equal("http://mlflow:5000", definition.Tracking.Uri);
        Assert.Equal(["training.epochs=3", "model.layers=[8, 4]", "model.notes={run: 7}", "training.optimizer.lr=0.5", "training.epochs=4", "tracking.uri=http://mlflow:5000"],
            definition.Overrides);
    }

    [Fact]
    public void AnUnknownPathIsReportedAtItsKeyInTheArgument()
    {
        var result = Load(Rbm, "training.epochs=3", "model.hiden=128");

        var error = Assert.Single(result.Errors);
        Assert.Equal("--set:2:7: unknown key 'hiden' in model (plugin 'rbm'); did you mean 'hidden'? (allowed: plugin, hidden, cd_k, persistent, sampler, weight_scale, decay, chains, visible_bias_init, label, mode, layers, temperatures, dropout, seeds, observables, momentum, notes)", error.ToString());
    }

    [Fact]
    public void ABadValueIsReportedAtTheValueInTheArgument()
    {
        var result = Load(Rbm, "training.epochs=abc", "training.batch_size=0", "model.layers=[1, x]");

        Assert.Equal(
            [
                "--set:1:17: training.epochs: expected an integer, got 'abc'",
                "--set:2:21: training.batch_size: must be between 1 and 1048576, got 0",
                "--set:3:18: model.layers[1]: expected an integer, got 'x'",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void FileErrorsComeBeforeOverrideErrors()
    {
        var path = _folder.Write("experiment.yaml", Rbm + "\ntracking: {uri: 3, bogus: 1}\n");

        var result = _loader.Load(path, ["training.epochs=0"]);

        Assert.Equal(
            [
                $"{path}:7:20: unknown key 'bogus' in tracking (allowed: uri, experiment, run_name, tags, export, system_metrics)",
                "--set:1:17: training.epochs: must be between 1 and 1000000, got 0",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AnOverrideWithoutAnEqualsSignIsAnError()
    {
        var result = Load(Rbm, "training.epochs", "model..hidden=3", "defaults=[a.yaml]");

        Assert.Equal(
            [
                "--set:1:1: expected key.path=value (for example training.epochs=20), got 'training.epochs'",
                "--set:2:7: empty key in 'model..hidden'; write the path as section.key, for example model.hidden",
                "--set:3:1: 'defaults' cannot be overridden; list base files in the experiment file",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AMalformedValueIsALocatedYamlError()
    {
        var result = Load(Rbm, "model.layers=[1, 2");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("--set", 1), (error.File, error.Line));
        Assert.StartsWith("malformed YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingModelPluginSwitchesPluginsAndDropsTheOldPluginsOptions()
    {
        var result = Load(Rbm, "model.plugin=vae", "model.latent=8");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("vae", result.Definition!.Model.PluginName);
        var vae = Assert.IsType<TestVaeOptions>(result.Definition.Model.Options);
        Assert.Equal(8, vae.Latent);
        Assert.Equal(TestDecoderKind.Bernoulli, vae.Decoder);
    }

    [Fact]
    public void SettingTheSamePluginKeepsTheFilesOptions()
    {
        var result = Load(Rbm, "model.plugin=RBM");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(5, ((TestRbmOptions)result.Definition!.Model.Options).CdK);
    }

    [Fact]
    public void SettingAnUnknownPluginIsReportedAtTheOverride()
    {
        var result = Load(Rbm, "model.plugin=vea");

        var error = Assert.Single(result.Errors);
        Assert.Equal("--set:1:14: unknown model plugin 'vea'; available: rbm, vae; did you mean 'vae'?", error.ToString());
    }

    [Fact]
    public void OverridesCanSupplyAWholeMissingSection()
    {
        var result = Load("model: {plugin: rbm}\n", "dataset={plugin: bars-and-stripes, size: 8}");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(8, ((TestBarsOptions)result.Definition!.Dataset.Options).Size);
    }

    [Fact]
    public void AnEmptyValueSetsAnEmptyString()
    {
        var result = Load(Rbm + "\ntracking: {uri: sqlite:///x.db}\n", "tracking.uri=");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("", result.Definition!.Tracking.Uri);
    }
}
