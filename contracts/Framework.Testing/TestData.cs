using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Testing;

/// <summary>Small generated datasets for testing a model plugin without data files.</summary>
public static class TestData
{
    /// <summary>Binary vectors with structure a model can learn: each example is one of a few random prototypes with
    /// a few bits flipped. Values 0 and 1, <see cref="SampleLayout.Vector"/> layout.</summary>
    /// <param name="features">Values per example.</param>
    /// <param name="train">Training examples.</param>
    /// <param name="test">Test examples.</param>
    /// <param name="seed">The generator's seed; the same seed gives the same data.</param>
    /// <returns>A new dataset, owned by the caller.</returns>
    public static Dataset Binary(int features = 16, int train = 256, int test = 64, long seed = 1)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var prototypes = rand([4, features], generator: generator).lt(0.5).to(float32);
        Tensor Draw(int count)
        {
            var which = randint(4, [count], generator: generator);
            var flips = rand([count, features], generator: generator).lt(0.1).to(float32);
            return (prototypes.index_select(0, which) - flips).abs();
        }

        var trainX = Draw(train).MoveToOuterDisposeScope();
        var testX = Draw(test).MoveToOuterDisposeScope();
        return new Dataset(trainX, testX, new ValueRange(0, 1)) { IsBinary = true, Layout = SampleLayout.Vector };
    }
}
