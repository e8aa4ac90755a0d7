using System.ComponentModel.DataAnnotations;
using Framework.Host.Experiments;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments.Schema;

public sealed class OptionsSchemaTests
{
    [Theory]
    [InlineData("BatchSize", "batch_size")]
    [InlineData("Lr", "lr")]
    [InlineData("CdK", "cd_k")]
    [InlineData("Beta1", "beta1")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Conv2dFilters", "conv2d_filters")]
    [InlineData("L", "l")]
    public void PropertyNamesBecomeSnakeCaseKeys(string property, string key) =>
        Assert.Equal(key, OptionNaming.ToSnakeCase(property));

    [Fact]
    public void OptionsAreReadInDeclarationOrderWithDefaultsDescriptionsAndConstraints()
    {
        var schema = OptionsSchema.For<TestRbmOptions>();

        Assert.Equal(
            ["hidden", "cd_k", "persistent", "sampler", "weight_scale", "decay", "chains", "visible_bias_init", "label", "mode",
             "layers", "temperatures", "dropout", "seeds", "observables", "momentum", "notes"],
            schema.Keys);

        var hidden = schema.Find("hidden")!;
        Assert.Equal(OptionKind.Int32, hidden.Kind);
        Assert.Equal(64, hidden.Default);
        Assert.Equal("Number of hidden units.", hidden.Description);
        Assert.Equal("[1, 100000]", hidden.Range!.Interval);

        Assert.Equal("(0, 1]", schema.Find("weight_scale")!.Range!.Interval);
        Assert.Equal("[0, 1)", schema.Find("decay")!.Range!.Interval);
        Assert.Equal(["gibbs", "parallel_tempering"], schema.Find("sampler")!.AllowedValues);
        Assert.Equal(["zeros", "log_odds"], schema.Find("visible_bias_init")!.AllowedValues);
        Assert.Equal("use fast or slow", schema.Find("mode")!.PatternMessage);
        Assert.Null(schema.Find("label")!.PatternMessage);
        Assert.Equal("^[a-z][a-z0-9-]*$", schema.Find("label")!.Pattern);
        Assert.Equal(OptionKind.Int32, schema.Find("layers")!.ElementKind);
        Assert.Equal("list of integers", schema.Find("layers")!.TypeName);
        Assert.Equal(OptionKind.Map, schema.Find("notes")!.Kind);

        var momentum = schema.Find("momentum")!;
        Assert.Equal(OptionKind.Group, momentum.Kind);
        Assert.Equal(["initial", "final", "switch_epoch"], momentum.Group!.Keys);
        Assert.Equal(0.9, ((TestMomentumSchedule)momentum.Default!).Final);
    }

    [Fact]
    public void SchemasAreCachedPerType()
    {
        Assert.True(OptionsSchema.TryCreate(typeof(TrainingSettings), out var first, out _));
        Assert.True(OptionsSchema.TryCreate(typeof(TrainingSettings), out var second, out _));

        Assert.Same(first, second);
    }

    [Fact]
    public void TheHostsOwnSettingsAreValidSchemasWithExactLongRanges()
    {
        var training = OptionsSchema.For<TrainingSettings>();
        var seed = training.Find("seed")!;

        Assert.Equal(OptionKind.Int64, seed.Kind);
        Assert.Equal("[0, 9223372036854775807]", seed.Range!.Interval);
        Assert.Equal(OptionKind.Group, training.Find("optimizer")!.Kind);
        Assert.Equal(OptionKind.Map, OptionsSchema.For<TrackingSettings>().Find("tags")!.Kind);
    }

    [Fact]
    public void AnUnsupportedPropertyTypeIsRejectedWithTheClassPropertyAndSupportedTypes()
    {
        Assert.False(OptionsSchema.TryCreate(typeof(GuidOptions), out var schema, out var error));

        Assert.Null(schema);
        Assert.Equal(
            "GuidOptions.RunId has type Guid, which experiment files cannot set; use bool, int, long, float, double, string, an enum, " +
            "an array of int/long/float/double/string, a nested options class, Dictionary<string, string>, or Dictionary<string, T> of an options class T.",
            error);
    }

    [Fact]
    public void EveryUnsupportedPropertyIsListed()
    {
        Assert.False(OptionsSchema.TryCreate(typeof(SeveralProblemsOptions), out _, out var error));

        Assert.Contains("SeveralProblemsOptions.Count has type int?, ", error, StringComparison.Ordinal);
        Assert.Contains("nullable types are not supported", error, StringComparison.Ordinal);
        Assert.Contains("SeveralProblemsOptions.Sizes has type List<int>", error, StringComparison.Ordinal);
        Assert.Contains("SeveralProblemsOptions.Name has [Range] but holds string", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AClassWithoutAParameterlessConstructorIsRejected()
    {
        Assert.False(OptionsSchema.TryCreate(typeof(NoDefaultConstructorOptions), out _, out var error));

        Assert.Equal(
            "NoDefaultConstructorOptions has no public parameterless constructor; add one, because the host reads the defaults from new NoDefaultConstructorOptions().",
            error);
    }

    [Fact]
    public void AClassThatContainsItselfIsRejected()
    {
        Assert.False(OptionsSchema.TryCreate(typeof(RecursiveOptions), out _, out var error));

        Assert.Contains("RecursiveOptions.Inner has type RecursiveOptions, which contains itself", error, StringComparison.Ordinal);
    }

    [Fact]
    public void APluginOptionNamedPluginIsRejectedBecauseItWouldCollideWithTheSelector()
    {
        var plugin = new TestPluginWithOptions<PluginKeyOptions>("clash");

        Assert.False(OptionsSchema.TryCreateForPlugin(plugin, out _, out var error));

        Assert.Equal(
            "Plugin 'clash': PluginKeyOptions.Plugin would be the key 'plugin', which selects the plugin in experiment files; rename the property.",
            error);
    }

    [Fact]
    public void TwoPropertiesWithTheSameKeyAreRejected()
    {
        Assert.False(OptionsSchema.TryCreate(typeof(TwinKeyOptions), out _, out var error));

        Assert.Contains("would both be the key 'batch_size'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyPropertiesAreNotOptions()
    {
        var schema = OptionsSchema.For<ComputedPropertyOptions>();

        Assert.Equal(["size"], schema.Keys);
    }

    private sealed class GuidOptions
    {
        public int Fine { get; set; }

        public Guid RunId { get; set; }
    }

    private sealed class SeveralProblemsOptions
    {
        public int? Count { get; set; }

        public List<int> Sizes { get; set; } = [];

        [Range(1, 3)]
        public string Name { get; set; } = "";
    }

    private sealed class NoDefaultConstructorOptions(int size)
    {
        public int Size { get; set; } = size;
    }

    private sealed class RecursiveOptions
    {
        public RecursiveOptions? Inner { get; set; }
    }

    private sealed class PluginKeyOptions
    {
        public string Plugin { get; set; } = "";
    }

    private sealed class TwinKeyOptions
    {
        public int BatchSize { get; set; }

        public int Batch_Size { get; set; }
    }

    private sealed class ComputedPropertyOptions
    {
        public int Size { get; set; } = 3;

        public int Area => Size * Size;
    }
}
