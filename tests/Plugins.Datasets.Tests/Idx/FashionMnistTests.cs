using Framework.Plugins.Datasets.Tests.Idx.Support;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Datasets.Tests.Idx;

/// <summary>Reads the real Fashion-MNIST of the Debian package dataset-fashion-mnist, which CI installs.</summary>
public sealed class FashionMnistTests
{
    [Fact]
    public void TheDebianPackagesFashionMnistLoadsWithItsKnownCountsAndStatistics()
    {
        const string folder = "/usr/share/datasets/fashion-mnist";
        Assert.True(
            File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")),
            $"Fashion-MNIST is missing from {folder}: install it with `sudo apt-get install dataset-fashion-mnist`.");

        using var data = IdxPlugin.Load(new IdxOptions());

        Assert.Equal(new long[] { 60_000, 1, 28, 28 }, data.TrainX.shape);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, data.TestX.shape);
        // Every class has exactly 6,000 training and 1,000 test images.
        Assert.All(data.TrainY!.bincount(null).data<long>().ToArray(), count => Assert.Equal(6_000, count));
        Assert.All(data.TestY!.bincount(null).data<long>().ToArray(), count => Assert.Equal(1_000, count));
        // The training mean intensity of Fashion-MNIST is 0.2860 (72.94 / 255).
        Assert.Equal(0.2860, data.TrainX.mean().item<float>(), 0.0005);
        Assert.Equal(10, data.ClassNames!.Count);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
    }
}
