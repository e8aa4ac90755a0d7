using Framework.Plugins.Vae.Evaluation;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Evaluation;

/// <summary>On one fixed, briefly trained model: the IWAE bound starts at the ELBO and rises with k (Burda et al. 2016, theorem 1).</summary>
public sealed class ImportanceWeightedBoundTests : IClassFixture<ImportanceWeightedBoundTests.TrainedModel>
{
    private readonly TrainedModel _model;

    public ImportanceWeightedBoundTests(TrainedModel model) => _model = model;

    [Fact]
    public void WithOneSampleTheBoundIsTheElbo()
    {
        var elbo = -Elbo(samples: 50);
        var iwae1 = Enumerable.Range(0, 20).Average(seed => Iwae(k: 1, seed: 100 + seed));

        // Both estimate the same expectation over 300 test images (20 x 300 single-sample log-weights; the exact KL
        // plus 50 x 300 reconstruction draws); the tolerance is for their sampling noise. A wrong sign or a missing
        // term in either (the log-determinant, a 0.5) shifts them apart by several nats.
        Assert.True(Math.Abs(elbo - iwae1) < 0.6, $"ELBO {elbo:F3} vs IWAE(1) {iwae1:F3}");
    }

    [Fact]
    public void TheBoundIsAtLeastTheElboAndGrowsWithK()
    {
        var elbo = -Elbo(samples: 20);
        var iwae5 = Iwae(k: 5, seed: 12);
        var iwae50 = Iwae(k: 50, seed: 13);
        var iwae500 = Iwae(k: 500, seed: 14);

        Assert.True(iwae5 > elbo, $"IWAE(5) {iwae5:F3} vs ELBO {elbo:F3}");
        Assert.True(iwae50 > iwae5, $"IWAE(50) {iwae50:F3} vs IWAE(5) {iwae5:F3}");
        Assert.True(iwae500 > iwae50, $"IWAE(500) {iwae500:F3} vs IWAE(50) {iwae50:F3}");
    }

    [Fact]
    public void HowTheSamplesAreChunkedDoesNotChangeTheEstimateBeyondNoise()
    {
        var whole = Iwae(k: 100, seed: 15, chunkRows: 100_000);
        var sampleChunks = Iwae(k: 100, seed: 16, chunkRows: 30);

        Assert.Equal(whole, sampleChunks, 0.3);
    }

    private double Elbo(int samples)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(10);
        return ElboEvaluator.Run(_model.Run.Vae.Network, _model.Run.Data.TestX, 100, samples, generator).NegativeElbo;
    }

    private double Iwae(int k, long seed, int chunkRows = 16_384)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed);
        return ImportanceWeightedBound.Estimate(_model.Run.Vae.Network, _model.Run.Data.TestX, k, chunkRows, generator);
    }

    /// <summary>A VAE trained for two epochs on 3,000 Fashion-MNIST images, shared by the tests above.</summary>
    public sealed class TrainedModel : IDisposable
    {
        public TrainedModel()
        {
            Run = new VaeRun(FashionMnistSubset.Load(3000, 300), new VaeOptions { LogImages = false }, name: "iwae");
            Run.Train(epochs: 2);
        }

        internal VaeRun Run { get; }

        public void Dispose() => Run.Dispose();
    }
}
