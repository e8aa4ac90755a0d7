using System.Globalization;
using Framework.Contracts.Data;
using Framework.Plugins.Idx.Quality;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Idx;

/// <summary>The <c>idx</c> dataset: MNIST-format image files scaled to [0, 1], optionally binarised, labels kept.</summary>
internal sealed class IdxDatasetPlugin : DatasetPlugin<IdxOptions>
{
    /// <inheritdoc />
    public override string Name => "idx";

    /// <inheritdoc />
    public override string Description =>
        "MNIST-format IDX images (gzipped or not; Fashion-MNIST by default) scaled to [0, 1], binarised by threshold or stochastically if asked.";

    /// <inheritdoc />
    protected override Dataset Load(IdxOptions options, IDatasetContext context)
    {
        using var trainImages = OpenImages(options.Directory, options.TrainImages, "train_images", options.TrainLimit);
        using var testImages = OpenImages(options.Directory, options.TestImages, "test_images", options.TestLimit);
        if (!trainImages.ItemDimensions.SequenceEqual(testImages.ItemDimensions))
            throw new InvalidDataException(
                $"Training images are {Describe(trainImages)} but test images are {Describe(testImages)}; both files must hold images of one size.");
        var trainLabels = ReadLabels(options.Directory, options.TrainLabels, "train_labels", trainImages, options.ClassNames);
        var testLabels = ReadLabels(options.Directory, options.TestLabels, "test_labels", testImages, options.ClassNames);

        using var scope = NewDisposeScope();
        var trainX = Binarize(ReadIntensities(trainImages, options.Shape), options, context.Generator);
        var testX = Binarize(ReadIntensities(testImages, options.Shape), options, context.Generator);
        var trainY = trainLabels is null ? null : ToLabels(trainLabels.Value.Payload).MoveToOuterDisposeScope();
        var testY = testLabels is null ? null : ToLabels(testLabels.Value.Payload).MoveToOuterDisposeScope();
        var dataset = new Dataset(trainX.MoveToOuterDisposeScope(), testX.MoveToOuterDisposeScope(), ValueRange.Unit, trainY, testY)
        {
            IsBinary = options.Binarize != Binarization.None,
            ClassNames = trainLabels is not null && options.ClassNames.Length > 0 ? options.ClassNames : null,
            Layout = SampleLayout.Image,
            Metadata = Metadata(options, trainImages, testImages),
            TrainSource = DataSource.LocalFile(trainImages.Path) with { Name = DataName(options.Directory) },
            TestSource = DataSource.LocalFile(testImages.Path) with { Name = DataName(options.Directory) },
            Observables = options.SampleQuality && trainY is not null && testY is not null
                ? new SampleQuality(trainX, trainY, testX, testY, options.QualityClassifierEpochs, context.CacheDirectory, context.Logger)
                : null,
        };
        context.Logger.LogInformation(
            "Read {TrainCount} training and {TestCount} test images of {Height}x{Width} from {Directory}",
            trainImages.Count, testImages.Count, trainImages.Dimensions[1], trainImages.Dimensions[2], options.Directory);
        return dataset;
    }

    private static IdxFile OpenImages(string directory, string fileName, string optionKey, int limit) =>
        IdxFile.Open(IdxFileLocator.Locate(directory, fileName, optionKey), expectedDimensions: 3, limit);

    private static (IdxFile Header, byte[] Payload)? ReadLabels(string directory, string fileName, string optionKey, IdxFile images, string[] classNames)
    {
        if (string.IsNullOrEmpty(fileName))
            return null;
        var (header, payload) = IdxFile.ReadAll(IdxFileLocator.Locate(directory, fileName, optionKey), expectedDimensions: 1, images.Count);
        if (header.DeclaredCount != images.DeclaredCount)
            throw new InvalidDataException(
                $"'{header.Path}' holds {header.DeclaredCount} labels but '{images.Path}' holds {images.DeclaredCount} images; they must pair up.");
        if (classNames.Length > 0)
        {
            var largest = Largest(payload);
            if (largest >= classNames.Length)
                throw new InvalidDataException(
                    $"'{header.Path}' has label {largest} but dataset.class_names names only {classNames.Length} classes; " +
                    "give one name per class, or an empty list for unnamed labels.");
        }

        return (header, payload);
    }

    private static int Largest(ReadOnlySpan<byte> labels)
    {
        var largest = 0;
        foreach (var label in labels)
            largest = Math.Max(largest, label);
        return largest;
    }

    private static Tensor ReadIntensities(IdxFile images, ImageShape shape)
    {
        var (count, height, width) = (images.Dimensions[0], images.Dimensions[1], images.Dimensions[2]);
        long[] dimensions = shape == ImageShape.Image ? [count, 1, height, width] : [count, (long)height * width];
        // The file is decompressed straight into the tensor's native storage, then converted in one vectorised
        // operation: no managed copy of the 47 MB of pixels, no per-pixel work, and the bytes are freed at once.
        using var bytes = empty(dimensions, ScalarType.Byte);
        images.ReadPayload(bytes.bytes);
        return bytes.to_type(ScalarType.Float32).div_(255f);
    }

    private static Tensor Binarize(Tensor intensities, IdxOptions options, Generator generator) => options.Binarize switch
    {
        Binarization.None => intensities,
        // Strictly above, as in the reference scripts (pixel > 0.5).
        Binarization.Threshold => intensities.gt(options.Threshold).to_type(ScalarType.Float32),
        Binarization.Stochastic => intensities.bernoulli(generator),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Binarize, "Unknown binarisation."),
    };

    private static Tensor ToLabels(byte[] labels) =>
        torch.tensor(labels, [labels.Length], ScalarType.Byte).to_type(ScalarType.Int64);

    private static Dictionary<string, string> Metadata(IdxOptions options, IdxFile train, IdxFile test) => new()
    {
        ["directory"] = options.Directory,
        ["train_images"] = train.Path,
        ["test_images"] = test.Path,
        ["train_count"] = train.Count.ToString(CultureInfo.InvariantCulture),
        ["test_count"] = test.Count.ToString(CultureInfo.InvariantCulture),
        ["image_size"] = $"{train.Dimensions[1]}x{train.Dimensions[2]}",
        ["binarize"] = options.Binarize.ToString().ToLowerInvariant(),
    };

    /// <summary>The data's name in MLflow: the folder the files are in (<c>fashion-mnist</c>), else <c>idx</c>.</summary>
    private static string DataName(string directory) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)) is { Length: > 0 } folder ? folder : "idx";

    private static string Describe(IdxFile images) => string.Join("x", images.ItemDimensions.ToArray());
}
