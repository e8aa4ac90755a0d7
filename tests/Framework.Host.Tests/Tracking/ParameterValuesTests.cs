using Framework.Host.Tracking;

namespace Framework.Host.Tests.Tracking;

public sealed class ParameterValuesTests
{
    [Fact]
    public void NestedConfigurationFlattensToDottedKeysWithInvariantNumbers()
    {
        var tree = new Dictionary<string, object?>
        {
            ["model"] = new Dictionary<string, object?> { ["hidden"] = 64, ["lr"] = 0.001, ["layers"] = new List<object> { 8, 4 } },
            ["data"] = new Dictionary<string, object?> { ["binarize"] = true, ["path"] = null },
        };

        var flat = ParameterFlattener.Flatten(tree);

        Assert.Equal(new Dictionary<string, string>
        {
            ["data.binarize"] = "true",
            ["data.path"] = "",
            ["model.hidden"] = "64",
            ["model.layers.0"] = "8",
            ["model.layers.1"] = "4",
            ["model.lr"] = "0.001",
        }, flat);
    }

    [Fact]
    public void AValueAtTheLimitIsKeptAndOneCharacterMoreIsHashed()
    {
        var atLimit = new string('a', 6000);
        var over = new string('a', 6001);

        var prepared = ParameterValues.Prepare(new Dictionary<string, string> { ["fits"] = atLimit, ["long key"] = over });

        Assert.Equal(atLimit, prepared.Values.Single(p => p.Key == "fits").Value);
        var hashed = prepared.Values.Single(p => p.Key == "long key").Value;
        Assert.StartsWith("sha256:", hashed, StringComparison.Ordinal);
        Assert.Contains("6001 characters", hashed, StringComparison.Ordinal);
        Assert.Equal(new KeyValuePair<string, string>("params/long_key.txt", over), prepared.LongValueArtifacts.Single());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("../up")]
    [InlineData("/abs")]
    [InlineData("x/")]
    [InlineData("bad*char")]
    public void KeysMlflowRefusesAreRefusedHere(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => ParameterValues.Prepare(new Dictionary<string, string> { [key] = "1" }));

        Assert.Contains("param key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.hidden")]
    [InlineData("train/loss")]
    [InlineData("log_z/ais lower:1-2")]
    public void KeysMlflowAcceptsAreAccepted(string key) => MlflowNames.ValidateKey(key, "metric");
}
