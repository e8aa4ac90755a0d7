using Autofac;
using Framework.Contracts.Data;
using Framework.Plugins.BarsAndStripes;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.BarsAndStripes;

public sealed class BarsAndStripesPluginTests
{
    [Theory]
    [InlineData(2, 6)]
    [InlineData(3, 14)]
    [InlineData(4, 30)]
    public void TheTestSplitIsTheWholeSupportWithEveryPatternOnce(int size, int expectedPatterns)
    {
        using var context = new SeededDatasetContext(1);
        using var data = Load(size, repeats: 3, context);

        Assert.Equal([expectedPatterns, size, size], data.TestX.shape);
        Assert.Equal(expectedPatterns, Distinct(data.TestX).Count);
        Assert.Equal(expectedPatterns * 3, data.TrainX.shape[0]);
        Assert.Equal(-Math.Log(expectedPatterns), double.Parse(data.Metadata["optimal_loglik"], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void TheSourceIsTheGeneratorWithItsSizeAndRepeats()
    {
        using var context = new SeededDatasetContext(1);
        using var data = Load(3, repeats: 5, context);

        Assert.Equal("code", data.TrainSource!.Type);
        Assert.Equal("""{"tags":{"generator":"bars-and-stripes","repeats":"5","size":"3"}}""", data.TrainSource.Json);
        Assert.Equal("""{"tags":{"generator":"bars-and-stripes","repeats":"1","size":"3"}}""", data.TestSource!.Json);
        Assert.Equal("bars-and-stripes-3x3", data.TrainSource.Name);
    }

    [Fact]
    public void EveryPatternIsMadeOfFullRowsOrFullColumns()
    {
        using var context = new SeededDatasetContext(1);
        using var data = Load(4, repeats: 1, context);
        var images = data.TestX.data<float>().ToArray();

        for (var i = 0; i < 30; i++)
        {
            var image = images.AsSpan(i * 16, 16).ToArray();
            var rowsConstant = Enumerable.Range(0, 4).All(r => Enumerable.Range(0, 4).All(c => image[r * 4 + c] == image[r * 4]));
            var columnsConstant = Enumerable.Range(0, 4).All(c => Enumerable.Range(0, 4).All(r => image[r * 4 + c] == image[c]));
            Assert.True(rowsConstant || columnsConstant, $"pattern {i} is neither bars nor stripes");
        }
    }

    [Fact]
    public void TheObservablesCountSupportMembershipAndCoverage()
    {
        using var context = new SeededDatasetContext(1);
        using var data = Load(4, repeats: 1, context);
        using var scope = NewDisposeScope();
        var half = data.TestX.narrow(0, 0, 15);
        var checkerboard = tensor(new float[] { 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1 }).reshape(1, 4, 4);

        var whole = data.Observables!.Compute(data.TestX);
        var mixed = data.Observables.Compute(cat([half, checkerboard], 0));

        Assert.Equal(1.0, whole["support_fraction"]);
        Assert.Equal(1.0, whole["pattern_coverage"]);
        Assert.Equal(15.0 / 16, mixed["support_fraction"], 12);
        Assert.Equal(0.5, mixed["pattern_coverage"], 12);
    }

    [Fact]
    public void TheModuleRegistersTheDatasetUnderItsExperimentName()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<BarsAndStripesModule>();
        using var container = builder.Build();

        Assert.Equal("bars-and-stripes", Assert.Single(container.Resolve<IEnumerable<IDatasetPlugin>>()).Name);
    }

    private static Dataset Load(int size, int repeats, IDatasetContext context) =>
        new BarsAndStripesPlugin().Load(new BarsAndStripesOptions { Size = size, Repeats = repeats }, context);

    private static HashSet<string> Distinct(Tensor images)
    {
        var n = (int)images.shape[0];
        var values = images.reshape(n, -1).data<float>().ToArray();
        var width = values.Length / n;
        return Enumerable.Range(0, n).Select(i => string.Concat(values.Skip(i * width).Take(width).Select(v => v > 0.5 ? '1' : '0'))).ToHashSet();
    }
}
