using System.Text.Json;
using Framework.Host.Experiments;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments;

public sealed class JsonSchemaWriterTests
{
    private readonly JsonElement _schema = JsonDocument.Parse(JsonSchemaWriter.Write(TestPluginCatalog.Standard())).RootElement;

    private JsonElement Section(string key) => _schema.GetProperty("properties").GetProperty(key);

    private JsonElement PluginOptions(string section, string plugin) =>
        Section(section).GetProperty("allOf").EnumerateArray()
            .Single(b => b.GetProperty("if").GetProperty("properties").GetProperty("plugin").GetProperty("const").GetString() == plugin)
            .GetProperty("then");

    [Fact]
    public void TheSchemaIsDraft202012AndRejectsUnknownTopLevelKeys()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", _schema.GetProperty("$schema").GetString());
        Assert.Equal("object", _schema.GetProperty("type").GetString());
        Assert.False(_schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(
            ["defaults", "name", "description", "model", "dataset", "training", "tracking", "sweep"],
            _schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void TheSweepSectionTakesParametersAsListsOrDistributionsAndItsSettingsWithAllowedValues()
    {
        var sweep = Section("sweep");
        var properties = sweep.GetProperty("properties");

        Assert.Equal(["parameters"], sweep.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["parameters", "search", "trials", "repeats", "seed", "parallel", "failure", "retry", "metric", "goal", "pruner", "pruning", "startup_trials", "multivariate", "launcher", "slurm"],
            properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["grid", "random", "tpe"], properties.GetProperty("search").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["none", "median", "asha"], properties.GetProperty("pruner").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["continue", "fail_fast"], properties.GetProperty("failure").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["local", "slurm"], properties.GetProperty("launcher").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var kinds = properties.GetProperty("parameters").GetProperty("additionalProperties").GetProperty("anyOf").EnumerateArray()
            .Select(k => k.TryGetProperty("required", out var required) ? required[0].GetString() : k.GetProperty("type").GetString());
        Assert.Equal(["array", "uniform", "log_uniform", "int", "choice", "object", "null"], kinds);
    }

    [Fact]
    public void PluginIsAnEnumOfTheLoadedPluginsAndRequired()
    {
        var model = Section("model");

        Assert.Equal(["plugin"], model.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["rbm", "vae"], model.GetProperty("properties").GetProperty("plugin").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["bars-and-stripes", "ising"],
            Section("dataset").GetProperty("properties").GetProperty("plugin").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void EachPluginsOptionsCarryTypesDefaultsRangesEnumsAndPatterns()
    {
        var rbm = PluginOptions("model", "rbm");
        Assert.False(rbm.GetProperty("additionalProperties").GetBoolean());
        var options = rbm.GetProperty("properties");
        Assert.True(options.GetProperty("plugin").GetBoolean());

        var hidden = options.GetProperty("hidden");
        Assert.Equal("integer", hidden.GetProperty("type").GetString());
        Assert.Equal(1, hidden.GetProperty("minimum").GetInt32());
        Assert.Equal(100_000, hidden.GetProperty("maximum").GetInt32());
        Assert.Equal(64, hidden.GetProperty("default").GetInt32());
        Assert.Equal("Number of hidden units.", hidden.GetProperty("description").GetString());

        var weightScale = options.GetProperty("weight_scale");
        Assert.Equal("number", weightScale.GetProperty("type").GetString());
        Assert.Equal(0, weightScale.GetProperty("exclusiveMinimum").GetDouble());
        Assert.Equal(1, weightScale.GetProperty("maximum").GetDouble());
        Assert.False(weightScale.TryGetProperty("minimum", out _));
        Assert.Equal(1, options.GetProperty("decay").GetProperty("exclusiveMaximum").GetDouble());

        Assert.Equal(["gibbs", "parallel_tempering"], options.GetProperty("sampler").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("gibbs", options.GetProperty("sampler").GetProperty("default").GetString());
        Assert.Equal("^(fast|slow)$", options.GetProperty("mode").GetProperty("pattern").GetString());

        var layers = options.GetProperty("layers");
        Assert.Equal("array", layers.GetProperty("type").GetString());
        Assert.Equal(4096, layers.GetProperty("items").GetProperty("maximum").GetInt32());
        Assert.Equal([64, 32], layers.GetProperty("default").EnumerateArray().Select(e => e.GetInt32()));

        var momentum = options.GetProperty("momentum");
        Assert.Equal("object", momentum.GetProperty("type").GetString());
        Assert.False(momentum.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(0.9, momentum.GetProperty("properties").GetProperty("final").GetProperty("default").GetDouble());

        Assert.Equal("object", options.GetProperty("notes").GetProperty("type").GetString());

        var vae = PluginOptions("model", "vae").GetProperty("properties");
        Assert.Equal(["bernoulli", "gaussian"], vae.GetProperty("decoder").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(512, vae.GetProperty("latent").GetProperty("maximum").GetInt32());
        Assert.Equal(2.269, PluginOptions("dataset", "ising").GetProperty("properties").GetProperty("temperature").GetProperty("default").GetDouble());
    }

    [Fact]
    public void TheHostsSettingsSectionsAreDescribedToo()
    {
        var training = Section("training");
        Assert.False(training.GetProperty("additionalProperties").GetBoolean());
        var properties = training.GetProperty("properties");
        Assert.Equal(long.MaxValue, properties.GetProperty("seed").GetProperty("maximum").GetInt64());
        Assert.Equal("^(auto|cpu|cuda(:[0-9]+)?)$", properties.GetProperty("device").GetProperty("pattern").GetString());
        var optimizer = properties.GetProperty("optimizer").GetProperty("properties");
        Assert.Equal(["adam", "adamw", "sgd", "rmsprop"], optimizer.GetProperty("name").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, optimizer.GetProperty("lr").GetProperty("exclusiveMinimum").GetDouble());
        Assert.Equal(1e-8, optimizer.GetProperty("eps").GetProperty("default").GetDouble());
        Assert.Equal("object", Section("tracking").GetProperty("properties").GetProperty("tags").GetProperty("type").GetString());
    }

    [Fact]
    public void APluginWithUnusableOptionsIsLeftOut()
    {
        var catalog = new TestPluginCatalog([new TestRbmPlugin(), new TestModelWithBadOptions()], []);

        var schema = JsonDocument.Parse(JsonSchemaWriter.Write(catalog)).RootElement;

        Assert.Equal(["rbm"],
            schema.GetProperty("properties").GetProperty("model").GetProperty("properties").GetProperty("plugin").GetProperty("enum")
                .EnumerateArray().Select(e => e.GetString()));
    }

    private sealed class TestModelWithBadOptions : Framework.Contracts.Models.ModelPlugin<BadOptions>
    {
        public override string Name => "bad";

        public override string Description => "Options with an unsupported type.";

        protected override Framework.Contracts.Models.IModel Create(BadOptions options, Framework.Contracts.Models.IModelContext context) =>
            throw new NotSupportedException("Only its options are read.");
    }

    private sealed class BadOptions
    {
        public Uri? Endpoint { get; set; }
    }
}
