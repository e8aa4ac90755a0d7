using Framework.Plugins.Idx;
using Framework.Plugins.Vae.Rendering;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Artifacts;

public sealed class VaeArtifactsTests
{
    [Fact]
    public void TheConvolutionalVaeWithATwoDimensionalLatentSpaceDrawsItsManifoldAndEmbedding()
    {
        var options = new VaeOptions { Architecture = VaeArchitecture.Conv, IwaeSamples = 3, ManifoldSize = 10 };
        using var run = new VaeRun(FashionMnistSubset.Load(1024, 300, ImageShape.Image), options, batchSize: 64, name: "conv");
        run.Train(epochs: 1);

        var metrics = run.Evaluate(isFinal: true);

        Assert.Equal(2, run.Vae.Network.LatentDim);
        Assert.True(double.IsFinite(metrics["test/loglik"]));
        Assert.Contains("latent/manifold_epoch_001.png", run.Artifacts.Logged);
        Assert.Contains("latent/embedding_epoch_001.png", run.Artifacts.Logged);
        Assert.Contains("reconstructions/epoch_001.png", run.Artifacts.Logged);
        Assert.Contains("curves/loss.png", run.Artifacts.Logged);
        Assert.Equal(new long[] { 100, 1, 28, 28 }, run.Artifacts.Images["latent/manifold_epoch_001.png"].shape);
        Assert.True(File.Exists(Path.Combine(run.Artifacts.Folder, "latent", "embedding_epoch_001.png")));
    }

    [Fact]
    public void TheEmbeddingColoursEachClassWithItsOwnColour()
    {
        var options = new VaeOptions { LatentDim = 2, IwaeSamples = 0 };
        using var run = new VaeRun(FashionMnistSubset.Load(1000, 1000), options, name: "embedding");
        run.Train(epochs: 1);

        run.Evaluate();

        using var scope = NewDisposeScope();
        var image = run.Artifacts.Images["latent/embedding_epoch_001.png"];
        Assert.Equal(4, image.dim());
        Assert.Equal(3, image.shape[1]);
        // Every one of the ten classes shows up as pixels close to its palette colour (dots or legend).
        for (var c = 0; c < 10; c++)
        {
            var colour = Palette.Colour(c);
            var target = tensor(new[] { colour.R, colour.G, colour.B }).reshape(1, 3, 1, 1);
            var close = (image - target).abs().amax([1]).lt(0.02f).sum().item<long>();
            Assert.True(close > 10, $"class {c} has {close} pixels of its colour");
        }
    }

    [Fact]
    public void ReconstructionsAlternateRowsOfInputsAndTheirReconstructions()
    {
        using var run = new VaeRun(FashionMnistSubset.Load(512, 64), new VaeOptions { ReconstructionCount = 16, IwaeSamples = 0 }, name: "reconstructions");

        run.Evaluate();

        using var scope = NewDisposeScope();
        var grid = run.Artifacts.Images["reconstructions/epoch_000.png"];
        Assert.Equal(new long[] { 32, 1, 28, 28 }, grid.shape);
        var inputs = run.Data.TestX.narrow(0, 0, 16).reshape(2, 8, 1, 28, 28);
        Assert.True(grid.reshape(2, 2, 8, 1, 28, 28).select(1, 0).equal(inputs).all().item<bool>());
        Assert.DoesNotContain(run.Artifacts.Logged, path => path.StartsWith("latent/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLossCurvesKeepEveryEvaluationAndSurviveACheckpoint()
    {
        using var run = new VaeRun(FashionMnistSubset.Load(512, 64), new VaeOptions { IwaeSamples = 0 }, name: "curves");
        run.Evaluate();
        run.Train(epochs: 1);
        run.Evaluate();

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            run.Model.SaveState(writer);
        using var resumed = new VaeRun(FashionMnistSubset.Load(512, 64), new VaeOptions { IwaeSamples = 0 }, name: "curves-resumed");
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer))
            resumed.Model.LoadState(reader);
        resumed.Step.GlobalStep = run.Step.GlobalStep;
        resumed.Train(epochs: 1);
        resumed.Evaluate();

        using var scope = NewDisposeScope();
        var before = run.Artifacts.Images["curves/loss.png"];
        var after = resumed.Artifacts.Images["curves/loss.png"];
        Assert.Equal(before.shape, after.shape);
        Assert.False(before.equal(after).all().item<bool>(), "the resumed curve did not gain its third evaluation");
    }
}
