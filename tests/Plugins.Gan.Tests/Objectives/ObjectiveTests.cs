using Framework.Plugins.Gan.Objectives;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Objectives;

/// <summary>The three losses against values computed by hand on fixed discriminator outputs.</summary>
public sealed class ObjectiveTests
{
    private static readonly float[] Real = [2.0f, -1.0f, 0.5f];
    private static readonly float[] Fake = [-3.0f, 0.0f, 1.5f, 0.25f];

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Fact]
    public void TheNonSaturatingLossIsBinaryCrossEntropyOnLogits()
    {
        var objective = IGanObjective.For(GanLoss.Bce);
        using var real = tensor(Real);
        using var fake = tensor(Fake);

        // -log sigmoid(a) = softplus(-a); -log(1 - sigmoid(a)) = softplus(a).
        var discriminator = Real.Average(a => Softplus(-a)) + Fake.Average(a => Softplus(a));
        var generator = Fake.Average(a => Softplus(-a));

        Assert.Equal(discriminator, objective.Discriminator(real, fake).item<float>(), 5);
        Assert.Equal(generator, objective.Generator(fake).item<float>(), 5);
        Assert.Equal(Fake.Average(a => 1 / (1 + Math.Exp(-a))), objective.Score(fake).item<float>(), 5);
    }

    [Fact]
    public void TheHingeLossCountsOnlyOutputsInsideTheMargin()
    {
        var objective = IGanObjective.For(GanLoss.Hinge);
        using var real = tensor(Real);
        using var fake = tensor(Fake);

        // Real: max(0, 1 - a) = 0, 2, 0.5; fake: max(0, 1 + a) = 0, 1, 2.5, 1.25.
        Assert.Equal((0 + 2 + 0.5) / 3 + (0 + 1 + 2.5 + 1.25) / 4, objective.Discriminator(real, fake).item<float>(), 5);
        Assert.Equal(-(-3 + 0 + 1.5 + 0.25) / 4, objective.Generator(fake).item<float>(), 5);
        Assert.Equal((-3 + 0 + 1.5 + 0.25) / 4, objective.Score(fake).item<float>(), 5);
    }

    [Fact]
    public void TheWassersteinLossIsTheDifferenceOfMeanCriticValues()
    {
        var objective = IGanObjective.For(GanLoss.WganGp);
        using var real = tensor(Real);
        using var fake = tensor(Fake);

        Assert.Equal((-3 + 0 + 1.5 + 0.25) / 4 - (2 - 1 + 0.5) / 3, objective.Discriminator(real, fake).item<float>(), 5);
        Assert.Equal(-(-3 + 0 + 1.5 + 0.25) / 4, objective.Generator(fake).item<float>(), 5);
    }
}
