using Framework.Testing;
using Framework.Testing.Conformance;

namespace MyData.Tests;

public sealed class MyDataTests
{
    /// <summary>The options, consistent splits, values in the declared range, the same data from the same seed, and
    /// observables named by the shared rules.</summary>
    [Fact]
    public void ThePluginMeetsEveryObligationOfTheContracts() =>
        DatasetConformance.Check(new MyDataPlugin()).ThrowIfFailed();

    [Fact]
    public void ExamplesDifferFromTheirPrototypeInAboutTheFlipProbabilityOfTheirValues()
    {
        using var context = new TestDatasetContext(seed: 3);
        using var data = new MyDataPlugin().Load(new MyDataOptions { FlipProbability = 0.1, TrainCount = 4000 }, context);

        var distance = data.Observables!.Compute(data.TrainX)["prototype_distance"];

        Assert.InRange(distance, 0.08, 0.12);
    }
}
