using Framework.Plugins.Idx;
using Framework.Plugins.Vae.Tests.Support;

namespace Framework.Plugins.Vae.Tests;

public sealed class VaeModelTests
{
    [Fact]
    public void TrainingOnFashionMnistLowersTheTestNegativeElboAndReportsEveryMetric()
    {
        using var run = new VaeRun(FashionMnistSubset.Load(2000, 500), new VaeOptions { IwaeSamples = 20 }, name: "smoke");
        var before = run.Evaluate();

        var losses = run.Train(epochs: 3);
        var after = run.Evaluate(isFinal: true);

        Assert.True(losses[2] < losses[0], $"training loss did not fall: {string.Join(", ", losses)}");
        Assert.True(after["test/neg_elbo"] < before["test/neg_elbo"] - 100, $"-ELBO {before["test/neg_elbo"]} -> {after["test/neg_elbo"]}");
        Assert.Equal(after["test/recon"] + after["test/kl"], after["test/neg_elbo"], 6);
        Assert.Equal(after["test/kl"], Enumerable.Range(0, 20).Sum(d => after[$"test/kl_dim/{d}"]), 6);
        Assert.InRange(after["test/active_units"], 1, 20);
        Assert.Equal(after["test/iwae_loglik"], after["test/loglik"]);
        Assert.False(before.ContainsKey("test/iwae_loglik"));
    }
}
