using Framework.Contracts.Data;
using Framework.Plugins.Datasets.Tests.Idx.Support;
using Framework.Plugins.Idx;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.Idx;

public sealed class IdxDatasetPluginTests : IDisposable
{
    private readonly IdxFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GzippedAndPlainFilesLoadToTheSameTensors()
    {
        using var gzipped = IdxPlugin.Load(WriteSet("gz", gzip: true));
        using var plain = IdxPlugin.Load(WriteSet("plain", gzip: false));

        Assert.Equal(plain.TrainX.data<float>().ToArray(), gzipped.TrainX.data<float>().ToArray());
        Assert.Equal(plain.TestX.data<float>().ToArray(), gzipped.TestX.data<float>().ToArray());
        Assert.Equal(plain.TrainY!.data<long>().ToArray(), gzipped.TrainY!.data<long>().ToArray());
    }

    [Fact]
    public void PixelsAreTheFileBytesDividedBy255()
    {
        using var data = IdxPlugin.Load(WriteSet("scale", gzip: true));

        var expected = IdxFixture.PixelsOf(5, 4 * 3).Select(b => b / 255f).ToArray();
        Assert.Equal(expected, data.TrainX.data<float>().ToArray());
        Assert.Equal(ValueRange.Unit, data.ValueRange);
        Assert.False(data.IsBinary);
    }

    [Fact]
    public void TheImageShapeHasOneChannelAndTheFlatShapeIsAVector()
    {
        var options = WriteSet("shape", gzip: false);
        using var image = IdxPlugin.Load(options);
        options.Shape = ImageShape.Flat;
        using var flat = IdxPlugin.Load(options);

        Assert.Equal(new long[] { 5, 1, 4, 3 }, image.TrainX.shape);
        Assert.Equal(new long[] { 2, 1, 4, 3 }, image.TestX.shape);
        Assert.Equal(new long[] { 5, 12 }, flat.TrainX.shape);
        Assert.Equal(SampleLayout.Image, flat.Layout);
    }

    [Fact]
    public void LabelsAndClassNamesAreKept()
    {
        var options = WriteSet("labels", gzip: true);
        options.ClassNames = ["zero", "one", "two", "three"];
        using var data = IdxPlugin.Load(options);

        Assert.Equal(ScalarType.Int64, data.TrainY!.dtype);
        Assert.Equal(new long[] { 3, 1, 0, 2, 3 }, data.TrainY.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 2 }, data.TestY!.data<long>().ToArray());
        Assert.Equal(options.ClassNames, data.ClassNames);
    }

    [Fact]
    public void WithoutLabelFilesTheDatasetHasNoLabelsOrClassNames()
    {
        var options = WriteSet("unlabelled", gzip: false);
        options.TrainLabels = "";
        options.TestLabels = "";
        using var data = IdxPlugin.Load(options);

        Assert.Null(data.TrainY);
        Assert.Null(data.TestY);
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void LimitsKeepTheFirstImagesAndTheirLabels()
    {
        var options = WriteSet("limits", gzip: true);
        options.TrainLimit = 3;
        options.TestLimit = 1;
        using var data = IdxPlugin.Load(options);

        Assert.Equal(3, data.TrainX.shape[0]);
        Assert.Equal(1, data.TestX.shape[0]);
        Assert.Equal(new long[] { 3, 1, 0 }, data.TrainY!.data<long>().ToArray());
        var expected = IdxFixture.PixelsOf(3, 12).Select(b => b / 255f).ToArray();
        Assert.Equal(expected, data.TrainX.data<float>().ToArray());
    }

    [Fact]
    public void ThresholdBinarisationKeepsPixelsStrictlyAboveTheThresholdAndMarksTheDatasetBinary()
    {
        var options = WriteSet("threshold", gzip: false);
        options.Binarize = Binarization.Threshold;
        options.Threshold = 0.5;
        using var data = IdxPlugin.Load(options);

        var expected = IdxFixture.PixelsOf(5, 12).Select(b => b / 255f > 0.5f ? 1f : 0f).ToArray();
        Assert.Equal(expected, data.TrainX.data<float>().ToArray());
        Assert.True(data.IsBinary);
    }

    [Fact]
    public void StochasticBinarisationIsReproducibleFromTheSeedAndFollowsTheIntensities()
    {
        _files.WriteImages("big-train", 400, 28, 28, gzip: true);
        _files.WriteImages("big-test", 10, 28, 28, gzip: true);
        var options = new IdxOptions
        {
            Directory = _files.Directory, TrainImages = "big-train", TestImages = "big-test",
            TrainLabels = "", TestLabels = "", Binarize = Binarization.Stochastic,
        };
        using var first = IdxPlugin.Load(options, seed: 7);
        using var again = IdxPlugin.Load(options, seed: 7);
        using var other = IdxPlugin.Load(options, seed: 8);
        options.Binarize = Binarization.None;
        using var grey = IdxPlugin.Load(options);

        Assert.True(first.IsBinary);
        Assert.True(first.TrainX.eq(again.TrainX).all().item<bool>());
        Assert.False(first.TrainX.eq(other.TrainX).all().item<bool>());
        Assert.True(first.TrainX.eq(0).logical_or(first.TrainX.eq(1)).all().item<bool>());
        // 313,600 Bernoulli draws: the mean is within a few 1e-3 of the mean intensity.
        Assert.Equal(grey.TrainX.mean().item<float>(), first.TrainX.mean().item<float>(), 0.005f);
    }

    [Fact]
    public void AMissingFileIsNamedWithTheFoldersFix()
    {
        var options = WriteSet("missing", gzip: true);
        options.TestImages = "no-such-images";

        var error = Assert.Throws<FileNotFoundException>(() => IdxPlugin.Load(options));

        Assert.Contains(Path.Combine(_files.Directory, "no-such-images"), error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-images.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset.test_images", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset.directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFashionMnistSaysWhichDebianPackageToInstall()
    {
        var options = new IdxOptions { TrainImages = "not-installed-images" };

        var error = Assert.Throws<FileNotFoundException>(() => IdxPlugin.Load(options));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("/usr/share/datasets/fashion-mnist/not-installed-images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsThatDoNotPairWithTheImagesAreRejected()
    {
        var options = WriteSet("pairs", gzip: false);
        _files.WriteLabels("pairs-train-labels", [1, 2, 3], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxPlugin.Load(options));

        Assert.Contains("3 labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelWithoutAClassNameIsRejected()
    {
        var options = WriteSet("names", gzip: false);
        options.ClassNames = ["a", "b", "c"];

        var error = Assert.Throws<InvalidDataException>(() => IdxPlugin.Load(options));

        Assert.Contains("label 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset.class_names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainAndTestImagesOfDifferentSizesAreRejected()
    {
        var options = WriteSet("sizes", gzip: false);
        _files.WriteImages("sizes-test-images", 2, 5, 3, gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxPlugin.Load(options));

        Assert.Contains("4x3", error.Message, StringComparison.Ordinal);
        Assert.Contains("5x3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFilesReadAreRecordedAsMetadata()
    {
        using var data = IdxPlugin.Load(WriteSet("meta", gzip: true));

        Assert.Equal(Path.Combine(_files.Directory, "meta-train-images.gz"), data.Metadata["train_images"]);
        Assert.Equal("5", data.Metadata["train_count"]);
        Assert.Equal("4x3", data.Metadata["image_size"]);
        Assert.Equal("none", data.Metadata["binarize"]);
    }

    [Fact]
    public void EachSplitsSourceIsItsImageFileAsMlflowsLocalSourceNamedAfterTheFolder()
    {
        using var data = IdxPlugin.Load(WriteSet("source", gzip: true));

        Assert.Equal("local", data.TrainSource!.Type);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new { uri = Path.Combine(_files.Directory, "source-train-images.gz") }), data.TrainSource.Json);
        Assert.Contains("source-test-images.gz", data.TestSource!.Json, StringComparison.Ordinal);
        Assert.Equal(Path.GetFileName(_files.Directory), data.TrainSource.Name);
    }

    /// <summary>Five 4x3 training images labelled 3,1,0,2,3 and two test images labelled 1,2.</summary>
    private IdxOptions WriteSet(string prefix, bool gzip)
    {
        _files.WriteImages($"{prefix}-train-images", 5, 4, 3, gzip);
        _files.WriteLabels($"{prefix}-train-labels", [3, 1, 0, 2, 3], gzip);
        _files.WriteImages($"{prefix}-test-images", 2, 4, 3, gzip);
        _files.WriteLabels($"{prefix}-test-labels", [1, 2], gzip);
        return new IdxOptions
        {
            Directory = _files.Directory,
            TrainImages = $"{prefix}-train-images",
            TrainLabels = $"{prefix}-train-labels",
            TestImages = $"{prefix}-test-images",
            TestLabels = $"{prefix}-test-labels",
        };
    }
}
