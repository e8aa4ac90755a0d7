using Framework.Host.Experiments;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments;

public sealed class ResolvedYamlWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ExperimentLoader _loader = new(TestPluginCatalog.Standard());

    public void Dispose() => _folder.Dispose();

    private ExperimentDefinition LoadValid(string fileName, string yaml, params string[] overrides)
    {
        var result = _loader.Load(_folder.Write(fileName, yaml), overrides);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    [Fact]
    public void LoadingTheResolvedYamlAgainGivesAnEqualDefinition()
    {
        var first = LoadValid("original.yaml", """
            description: "quotes \" and\nnew lines, # not a comment"
            model:
              plugin: rbm
              sampler: ParallelTempering
              weight_scale: 0.1
              decay: 0.3333333333333333
              label: yes-no
              layers: [3]
              temperatures: [0.1, 1e-300, 2]
              dropout: [0.1, 0.7]
              observables: [magnetization]
              seeds: [9007199254740993]
              notes: {"a b": "c: d", empty: "", "true": "false"}
            dataset: {plugin: ising, temperature: .5}
            training: {device: "cuda:1", seed: 9223372036854775807}
            tracking: {experiment: "123", run_name: null}
            """, "training.optimizer.eps=1e-12", "tracking.tags={team: physics}");

        var resolvedPath = _folder.Write("resolved.yaml", first.ResolvedYaml);
        var second = _loader.Load(resolvedPath, []);

        Assert.True(second.IsValid, string.Join(Environment.NewLine, second.Errors) + Environment.NewLine + first.ResolvedYaml);
        var again = second.Definition!;
        Assert.Equal(first.Name, again.Name);
        Assert.Equal("original", again.Name); // written into the resolved file, not taken from its file name
        Assert.Equal(first.Description, again.Description);
        Assert.Equal(first.Model.PluginName, again.Model.PluginName);
        Assert.Equal(first.Dataset.PluginName, again.Dataset.PluginName);
        Assert.Equal(first.FlatParameters, again.FlatParameters);
        Assert.Equal(first.ResolvedYaml.Split('\n').SkipWhile(l => l.StartsWith('#')), again.ResolvedYaml.Split('\n').SkipWhile(l => l.StartsWith('#')));
        var rbm = (TestRbmOptions)again.Model.Options;
        Assert.Equal(0.1f, rbm.WeightScale);
        Assert.Equal(0.3333333333333333, rbm.Decay);
        Assert.Equal([0.1, 1e-300, 2.0], rbm.Temperatures);
        Assert.Equal([9007199254740993L], rbm.Seeds);
        Assert.Equal("c: d", rbm.Notes["a b"]);
        Assert.Equal("false", rbm.Notes["true"]);
        Assert.Equal(long.MaxValue, again.Training.Seed);
        Assert.Equal("123", again.Tracking.Experiment);
    }

    [Fact]
    public void TheResolvedYamlNamesItsSourceAndOverridesAndListsEveryValueInSchemaOrder()
    {
        var definition = LoadValid("small.yaml", "model: {plugin: vae}\ndataset: {plugin: bars-and-stripes}\n", "training.epochs=2");

        Assert.Equal(
            $$"""
            # Resolved experiment: every value, defaults included. Loading this file gives the same experiment.
            # Source: {{definition.SourcePath}}
            # Overrides:
            #   --set training.epochs=2
            name: small
            description: null
            model:
              plugin: vae
              latent: 2
              decoder: bernoulli
              beta: 1
              hidden_sizes: [512, 256]
            dataset:
              plugin: bars-and-stripes
              size: 4
            training:
              epochs: 2
              batch_size: 64
              seed: 0
              device: auto
              threads: 0
              log_every: 50
              eval_every: 1
              eval_batch_size: 0
              checkpoint_every: 1
              sample_every: 0
              sample_count: 64
              final_sample_count: 0
              optimizer:
                name: adam
                lr: 0.001
                momentum: 0
                nesterov: false
                weight_decay: 0
                beta1: 0.9
                beta2: 0.999
                eps: 1E-08
                alpha: 0.99
                centered: false
                gradient_clip: 0
              optimizers: {}
              schedule:
                name: constant
                warmup_steps: 0
                warmup_epochs: 0
                warmup_start_factor: 0
                final_factor: 0
                gamma: 0.1
                step_epochs: 1
                milestones: []
                momentum_warmup:
                  start: 0.5
                  epochs: 0
                  steps: 0
                  shape: step
              accumulate_batches: 1
              ema:
                decay: 0
                start_step: 0
                every: 1
                warmup: false
              early_stopping:
                metric: ""
                goal: auto
                patience: 3
                min_delta: 0
            tracking:
              uri: ""
              experiment: ""
              run_name: ""
              tags: {}
              export: none
              system_metrics: true

            """.ReplaceLineEndings(),
            definition.ResolvedYaml);
    }

    [Fact]
    public void FlatParametersUseDottedKeysAndInvariantText()
    {
        var definition = LoadValid("flat.yaml", """
            model:
              plugin: rbm
              persistent: true
              sampler: parallel_tempering
              layers: [128, 64]
              observables: [energy, magnetization]
              weight_scale: 0.1
              notes: {author: ada}
            dataset: {plugin: ising}
            training: {optimizer: {lr: 3e-4}}
            tracking: {tags: {team: physics}}
            """);

        var flat = definition.FlatParameters;
        Assert.Equal("rbm", flat["model.plugin"]);
        Assert.Equal("64", flat["model.hidden"]);
        Assert.Equal("true", flat["model.persistent"]);
        Assert.Equal("parallel_tempering", flat["model.sampler"]);
        Assert.Equal("[128, 64]", flat["model.layers"]);
        Assert.Equal("[energy, magnetization]", flat["model.observables"]);
        Assert.Equal("[]", flat["model.seeds"]);
        Assert.Equal("0.1", flat["model.weight_scale"]);
        Assert.Equal("0.9", flat["model.momentum.final"]);
        Assert.Equal("ada", flat["model.notes.author"]);
        Assert.Equal("ising", flat["dataset.plugin"]);
        Assert.Equal("2.269", flat["dataset.temperature"]);
        Assert.Equal("0.0003", flat["training.optimizer.lr"]);
        Assert.Equal("1E-08", flat["training.optimizer.eps"]);
        Assert.Equal("auto", flat["training.device"]);
        Assert.Equal("physics", flat["tracking.tags.team"]);
        Assert.Equal("", flat["tracking.uri"]);
        Assert.Equal("none", flat["tracking.export"]);
        Assert.False(flat.ContainsKey("name"));
        Assert.False(flat.ContainsKey("model.notes"));
        Assert.Equal("true", flat["tracking.system_metrics"]);
        Assert.Equal(20 + 3 + 44 + 6, flat.Count); // model, dataset, training (optimizer 11, schedule 12, ema 4, early stopping 4), tracking
    }
}
