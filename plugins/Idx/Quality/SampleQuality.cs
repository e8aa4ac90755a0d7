using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Plugins.Idx.Quality;

/// <summary>How good a set of images is, judged the same way for every model family: the Fréchet distance between
/// their features and the test set's (<c>fd</c>; the host logs it as <c>data/fd</c> for the training images, the floor
/// a perfect model reaches, and <c>samples/fd</c> for a model's samples), the classifier's view of their classes
/// (<c>class_entropy</c>, the entropy of the frequencies of the predicted classes, ln 10 when all ten classes are
/// equally frequent and 0 when a model draws one class only; <c>class_score</c>, exp E[KL(p(y|x) ‖ p(y))] as the Inception score) and the accuracy of the classifier
/// that defines the features (<c>fd_classifier_accuracy</c>).</summary>
/// <remarks>
/// The classifier is trained the first time observables are asked for (so loading a dataset stays cheap) and cached
/// by the digest of the data. The distance is biased upward for small sample counts: compare runs at the same
/// <c>training.final_sample_count</c>.
/// </remarks>
internal sealed class SampleQuality : IDataObservables
{
    private readonly Tensor _trainX;
    private readonly Tensor _trainY;
    private readonly Tensor _testX;
    private readonly Tensor _testY;
    private readonly int _classes;
    private readonly int _epochs;
    private readonly string _cacheDirectory;
    private readonly ILogger _logger;
    private FeatureClassifier? _classifier;
    private Tensor? _testMean;
    private Tensor? _testCovariance;

    /// <summary>Keeps its own handles on the data (no copy), because the host may move the dataset to a GPU and free
    /// the CPU tensors it was loaded into.</summary>
    public SampleQuality(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, int epochs, string cacheDirectory, ILogger logger)
    {
        _trainX = Rows(trainX);
        _testX = Rows(testX);
        _trainY = trainY.alias().DetachFromDisposeScope();
        _testY = testY.alias().DetachFromDisposeScope();
        _classes = (int)Math.Max(trainY.max().item<long>(), testY.max().item<long>()) + 1;
        _epochs = epochs;
        _cacheDirectory = cacheDirectory;
        _logger = logger;
    }

    public IReadOnlyDictionary<string, double> Compute(Tensor examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var classifier = Classifier();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = examples.detach().cpu().to(float32).reshape(examples.shape[0], -1);
        if (x.shape[1] != _testX.shape[1])
            throw new ArgumentException(
                $"Expected images of {_testX.shape[1]} pixels, got a tensor of shape [{string.Join(", ", examples.shape)}].", nameof(examples));
        var features = FeaturesOf(classifier, x);
        var probabilities = nn.functional.softmax(classifier.LogitsOfFeatures(features.to(float32)), 1).to(float64);
        var marginal = probabilities.mean([0]);
        var frequencies = bincount(probabilities.argmax(1), minlength: _classes).to(float64) / x.shape[0];
        var klToMarginal = (probabilities * (probabilities.clamp_min(1e-12).log() - marginal.clamp_min(1e-12).log())).sum(1);
        var values = new Dictionary<string, double>
        {
            ["class_entropy"] = -(frequencies * frequencies.clamp_min(1e-12).log()).sum().item<double>(),
            ["class_score"] = Math.Exp(klToMarginal.mean().item<double>()),
            ["fd_classifier_accuracy"] = classifier.TestAccuracy,
        };
        // A covariance needs two samples: with one (sample_count: 1) there is no distance, but the run keeps its status
        // and the class scores.
        if (features.shape[0] >= 2)
        {
            var (mean, covariance) = FrechetDistance.Moments(features);
            values["fd"] = FrechetDistance.Between(mean, covariance, _testMean!, _testCovariance!);
        }
        else
            _logger.LogWarning("samples/fd needs at least two samples; got {Count}, so it is not logged", features.shape[0]);

        return values;
    }

    private FeatureClassifier Classifier()
    {
        if (_classifier is not null)
            return _classifier;
        var digest = ClassifierCache.Digest(_epochs, _trainX, _trainY, _testX, _testY);
        Directory.CreateDirectory(_cacheDirectory);
        var path = ClassifierCache.PathFor(_cacheDirectory, digest);
        _classifier = ClassifierCache.TryRead(path, digest);
        if (_classifier is null)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            _classifier = FeatureClassifier.Train(_trainX, _trainY, _testX, _testY, _classes, _epochs);
            ClassifierCache.Write(path, digest, _classifier);
            _logger.LogInformation("Trained the sample-quality classifier in {Seconds:F1} s: test accuracy {Accuracy:P1}; cached as {Path}",
                started.Elapsed.TotalSeconds, _classifier.TestAccuracy, path);
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (mean, covariance) = FrechetDistance.Moments(FeaturesOf(_classifier, _testX));
        _testMean = mean.DetachFromDisposeScope();
        _testCovariance = covariance.DetachFromDisposeScope();
        return _classifier;
    }

    /// <summary>Features in batches, so scoring 60,000 images never holds all their hidden activations at once.</summary>
    private static Tensor FeaturesOf(FeatureClassifier classifier, Tensor x)
    {
        const int Batch = 2000;
        var parts = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += Batch)
            parts.Add(classifier.Features(x.narrow(0, start, Math.Min(Batch, x.shape[0] - start))).to(float64));
        return cat(parts);
    }

    private static Tensor Rows(Tensor images) => images.reshape(images.shape[0], -1).DetachFromDisposeScope();
}
