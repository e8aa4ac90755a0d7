using Framework.Host.Experiments.Schema;
using Framework.Options;

namespace Framework.Host.Tests.Experiments.Schema;

public sealed class KeySuggestionsTests
{
    private static readonly string[] Keys = ["epochs", "batch_size", "eval_batch_size", "seed", "lr", "log_every"];

    [Theory]
    [InlineData("epoch", "epochs")] // one deletion
    [InlineData("epohcs", "epochs")] // a swap
    [InlineData("batchSize", "batch_size")] // case and separators
    [InlineData("BATCH-SIZE", "batch_size")]
    [InlineData("eval_b", "eval_batch_size")] // unique prefix
    [InlineData("lr_rate", "lr")] // a key with extra words
    [InlineData("sed", "seed")]
    public void CloseKeysAreSuggested(string input, string expected) =>
        Assert.Equal(expected, KeySuggestions.Suggest(input, Keys));

    [Theory]
    [InlineData("temperature")]
    [InlineData("x")]
    public void NothingIsSuggestedWhenNothingIsClose(string input) =>
        Assert.Null(KeySuggestions.Suggest(input, Keys));

    [Fact]
    public void ATieSuggestsNothing() =>
        Assert.Null(KeySuggestions.Suggest("adamx", ["adam", "adamw", "sgd"]));
}
