using Framework.Contracts.Data;
using Framework.Plugins.Datasets.Tests.Idx.Support;
using Framework.Plugins.Idx;
using Framework.Plugins.Idx.Quality;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.Idx;

public sealed class SampleQualityTests : IDisposable
{
    private const int Side = 8;
    private readonly IdxFixture _files = new();
    private readonly TestDatasetContext _context = new(seed: 5);

    public void Dispose()
    {
        _context.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void TheFrechetDistanceOfDiagonalGaussiansIsTheClosedForm()
    {
        using var scope = NewDisposeScope();
        var (m1, m2) = (tensor(new[] { 0.0, 1.0, -2.0 }), tensor(new[] { 1.0, 1.0, 0.5 }));
        var (a, b) = (tensor(new[] { 1.0, 4.0, 0.25 }), tensor(new[] { 9.0, 1.0, 0.25 }));

        var distance = FrechetDistance.Between(m1, diag(a), m2, diag(b));

        // ‖μ₁ − μ₂‖² + Σ (√aᵢ − √bᵢ)² = (1 + 0 + 6.25) + (4 + 1 + 0).
        Assert.Equal(12.25, distance, 10);
    }

    [Fact]
    public void TheFrechetDistanceOfTwoByTwoCovariancesThatDoNotCommuteIsTheClosedForm()
    {
        using var scope = NewDisposeScope();
        var s1 = tensor(new[] { 2.0, 0.6, 0.6, 1.0 }, [2, 2]);
        var s2 = tensor(new[] { 1.0, -0.3, -0.3, 3.0 }, [2, 2]);
        var zero = zeros(2, dtype: float64);

        var distance = FrechetDistance.Between(zero, s1, zero, s2);

        // For a 2×2 matrix M with positive eigenvalues, Tr √M = √(Tr M + 2 √det M).
        var product = s1.matmul(s2);
        var traceOfRoot = Math.Sqrt(product.trace().item<double>() + 2 * Math.Sqrt(linalg.det(product).item<double>()));
        Assert.Equal(3.0 + 4.0 - 2 * traceOfRoot, distance, 10);
        Assert.NotEqual(0.0, distance, 3);
    }

    [Fact]
    public void ASetOfFeaturesIsAtDistanceZeroFromItself()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var (mean, covariance) = FrechetDistance.Moments(randn(400, 6, generator: generator).matmul(randn(6, 6, generator: generator)));

        Assert.Equal(0.0, FrechetDistance.Between(mean, covariance, mean, covariance), 8);
    }

    [Fact]
    public void TrainingImagesScoreNearTheFloorAndBrokenSamplesScoreFarAboveIt()
    {
        using var data = Load(WriteClasses("scores"));
        var quality = data.Observables!;
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);

        // The host computes observables under no_grad: the classifier trains all the same.
        IReadOnlyDictionary<string, double> train;
        using (no_grad())
            train = quality.Compute(data.TrainX);
        var noise = quality.Compute(rand([600, 1, Side, Side], generator: generator));
        var oneClass = quality.Compute(data.TrainX.index_select(0, data.TrainY!.eq(0).nonzero().squeeze(1)));

        Assert.True(train["fd_classifier_accuracy"] > 0.9, $"classifier accuracy {train["fd_classifier_accuracy"]:F3}");
        Assert.True(noise["fd"] > 20 * train["fd"], $"fd of noise {noise["fd"]:F3}, of the training images {train["fd"]:F3}");
        Assert.True(oneClass["fd"] > 5 * train["fd"], $"fd of one class {oneClass["fd"]:F3}, of the training images {train["fd"]:F3}");
        // Three equally frequent classes: the marginal's entropy is ln 3; one class alone: close to 0.
        Assert.Equal(Math.Log(3), train["class_entropy"], 1);
        Assert.True(oneClass["class_entropy"] < 0.2, $"class entropy of one class {oneClass["class_entropy"]:F3}");
        Assert.True(train["class_score"] > 2.5 && oneClass["class_score"] < 1.3, $"class score {train["class_score"]:F3} vs {oneClass["class_score"]:F3}");
    }

    [Fact]
    public void TheClassifierIsTrainedOnceAndReadFromTheCacheByTheDatasDigest()
    {
        var options = WriteClasses("cache");
        using var first = Load(options);
        var scored = first.Observables!.Compute(first.TestX);
        var cached = Directory.GetFiles(_context.CacheDirectory, "idx-classifier-*.bin");
        using var second = Load(options);
        var again = second.Observables!.Compute(second.TestX);
        options.TrainLimit = 500;
        using var fewer = Load(options);
        fewer.Observables!.Compute(fewer.TestX);

        Assert.Single(cached);
        Assert.Equal(scored["fd"], again["fd"]);
        Assert.Equal(scored["fd_classifier_accuracy"], again["fd_classifier_accuracy"]);
        // The test set against itself: the distance of identical feature sets is zero.
        Assert.Equal(0.0, scored["fd"], 6);
        Assert.Equal(2, Directory.GetFiles(_context.CacheDirectory, "idx-classifier-*.bin").Length);
    }

    [Fact]
    public void QualityIsOffOnRequestAndWithoutLabels()
    {
        var options = WriteClasses("off");
        options.SampleQuality = false;
        using var off = Load(options);
        options.SampleQuality = true;
        options.TrainLabels = "";
        using var unlabelled = Load(options);

        Assert.Null(off.Observables);
        Assert.Null(unlabelled.Observables);
    }

    [Fact]
    public void SamplesOfAnotherSizeAreRefusedWithTheExpectedSize()
    {
        using var data = Load(WriteClasses("size"));
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => data.Observables!.Compute(zeros(10, 1, 4, 4)));

        Assert.Contains($"{Side * Side} pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASingleSampleGetsItsClassScoresButNoDistanceRatherThanFailingTheRun()
    {
        using var data = Load(WriteClasses("single"));
        using var scope = NewDisposeScope();

        var one = data.Observables!.Compute(data.TestX.narrow(0, 0, 1));
        var two = data.Observables!.Compute(data.TestX.narrow(0, 0, 2));

        Assert.DoesNotContain("fd", one.Keys);
        Assert.Equal(0.0, one["class_entropy"], 10);   // one sample, one class
        Assert.True(double.IsFinite(two["fd"]), "two samples have a covariance, so a distance");
    }

    private Dataset Load(IdxOptions options) => IdxPlugin.Resolve().Load(options, _context);

    /// <summary>Three classes of 8×8 images: a bright row band, a bright column band or a bright diagonal, each at a
    /// random place with noise: separable by a small classifier, but not identical within a class.</summary>
    private IdxOptions WriteClasses(string name)
    {
        var random = new Random(17);
        (byte[] Images, byte[] Labels) Make(int count)
        {
            var images = new byte[count * Side * Side];
            var labels = new byte[count];
            for (var n = 0; n < count; n++)
            {
                var label = labels[n] = (byte)(n % 3);
                var at = random.Next(Side);
                for (var i = 0; i < Side; i++)
                for (var j = 0; j < Side; j++)
                {
                    var lit = label switch { 0 => i == at, 1 => j == at, _ => (i + j + at) % Side == 0 };
                    images[n * Side * Side + i * Side + j] = (byte)Math.Clamp((lit ? 200 : 30) + random.Next(-30, 31), 0, 255);
                }
            }
            return (images, labels);
        }

        var (trainImages, trainLabels) = Make(1200);
        var (testImages, testLabels) = Make(600);
        _files.WriteRaw(name + "-train-images", IdxFixture.Encode([1200, Side, Side], trainImages));
        _files.WriteRaw(name + "-test-images", IdxFixture.Encode([600, Side, Side], testImages));
        _files.WriteLabels(name + "-train-labels", trainLabels, gzip: false);
        _files.WriteLabels(name + "-test-labels", testLabels, gzip: false);
        return new IdxOptions
        {
            Directory = _files.Directory,
            TrainImages = name + "-train-images",
            TrainLabels = name + "-train-labels",
            TestImages = name + "-test-images",
            TestLabels = name + "-test-labels",
            ClassNames = ["row", "column", "diagonal"],
            QualityClassifierEpochs = 10,
        };
    }
}
