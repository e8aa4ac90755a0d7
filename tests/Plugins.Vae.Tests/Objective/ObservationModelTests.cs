using Framework.Plugins.Vae.Objective;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Objective;

public sealed class ObservationModelTests
{
    [Fact]
    public void TheBernoulliLogLikelihoodIsXLogPPlusOneMinusXLogOneMinusP()
    {
        using var scope = NewDisposeScope();
        using var bernoulli = new BernoulliObservation();
        var logits = tensor(new[] { -2.0f, 0.0f, 1.5f, 3.0f }).reshape(1, 4);
        var x = tensor(new[] { 0.0f, 1.0f, 0.3f, 1.0f }).reshape(1, 4);

        var p = logits.sigmoid();
        var expected = (x * p.log() + (1 - x) * (1 - p).log()).sum().item<float>();

        Assert.Equal(expected, bernoulli.LogLikelihood(logits, x).item<float>(), 5);
        Assert.Equal(-expected, bernoulli.NegativeLogLikelihoodSum(logits, x).item<float>(), 5);
    }

    [Fact]
    public void TheBernoulliLogLikelihoodStaysFiniteForSaturatedLogits()
    {
        using var scope = NewDisposeScope();
        using var bernoulli = new BernoulliObservation();
        var logits = tensor(new[] { -200.0f, 200.0f, -200.0f, 200.0f }).reshape(1, 4);
        var x = tensor(new[] { 0.0f, 1.0f, 1.0f, 0.0f }).reshape(1, 4);

        // Two right (log p = 0) and two wrong by 200 nats each: a sigmoid in float32 would give log 0 = -inf.
        Assert.Equal(-400f, bernoulli.LogLikelihood(logits, x).item<float>(), 3);
    }

    [Fact]
    public void TheLogLikelihoodBroadcastsOverImportanceSamples()
    {
        using var scope = NewDisposeScope();
        using var bernoulli = new BernoulliObservation();
        using var generator = new Generator(5);
        var logits = randn([3, 2, 6], generator: generator);
        var x = rand([2, 6], generator: generator);

        var broadcast = bernoulli.LogLikelihood(logits, x);
        var oneByOne = stack(Enumerable.Range(0, 3).Select(k => bernoulli.LogLikelihood(logits[k], x)).ToArray());

        Assert.Equal(new long[] { 3, 2 }, broadcast.shape);
        Assert.True(broadcast.allclose(oneByOne));
    }

    [Fact]
    public void TheGaussianLogLikelihoodIsTheNormalDensityWithFixedOrLearnedSigma()
    {
        using var scope = NewDisposeScope();
        using var fixedSigma = new GaussianObservation(3, sigma: 0.5, learned: false, CPU);
        using var learnedSigma = new GaussianObservation(3, sigma: 0.5, learned: true, CPU);
        var mean = tensor(new[] { 0.1f, 0.5f, 0.9f }).reshape(1, 3);
        var x = tensor(new[] { 0.0f, 1.0f, 0.7f }).reshape(1, 3);

        var expected = new[] { 0.0, 1.0, 0.7 }.Zip(new[] { 0.1, 0.5, 0.9 })
            .Sum(p => -0.5 * Math.Pow((p.First - p.Second) / 0.5, 2) - Math.Log(0.5) - 0.5 * Math.Log(2 * Math.PI));

        Assert.Equal(expected, fixedSigma.LogLikelihood(mean, x).item<float>(), 4);
        Assert.Equal(expected, learnedSigma.LogLikelihood(mean, x).item<float>(), 4);
        Assert.Empty(fixedSigma.parameters());
        Assert.Equal(new long[] { 3 }, learnedSigma.parameters().Single().shape);
    }
}
