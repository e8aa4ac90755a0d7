using Framework.Plugins.Idx;
using System.Xml.Linq;
using Framework.Plugins.Vae.Rendering;
using Framework.Plugins.Vae.Tests.Support;
using SkiaSharp;
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
        Assert.Contains("latent/embedding_epoch_001.svg", run.Artifacts.Logged);
        Assert.Contains("curves/loss.svg", run.Artifacts.Logged);
    }

    [Fact]
    public void TheEmbeddingColoursEachClassWithItsOwnColourAndNamesTheClassesAndAxes()
    {
        var options = new VaeOptions { LatentDim = 2, IwaeSamples = 0 };
        using var run = new VaeRun(FashionMnistSubset.Load(1000, 1000), options, name: "embedding");
        run.Train(epochs: 1);

        run.Evaluate();

        using var bitmap = SKBitmap.Decode(Path.Combine(run.Artifacts.Folder, "latent", "embedding_epoch_001.png"));
        Assert.Equal((800, 640), (bitmap.Width, bitmap.Height));
        // Every one of the ten classes shows up as pixels close to its palette colour (dots or legend; drawn 90% opaque).
        for (var c = 0; c < 10; c++)
        {
            var colour = EmbeddingPlot.Palette.GetColor(c);
            var close = Pixels(bitmap).Count(p => Math.Abs(p.Red - colour.R) + Math.Abs(p.Green - colour.G) + Math.Abs(p.Blue - colour.B) < 60);
            Assert.True(close > 10, $"class {c} has {close} pixels of its colour");
        }

        var svg = XDocument.Load(Path.Combine(run.Artifacts.Folder, "latent", "embedding_epoch_001.svg"));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("z₁ (posterior mean)", texts);
        Assert.Contains(run.Data.ClassNames![9], texts);
    }

    private static IEnumerable<SKColor> Pixels(SKBitmap bitmap)
    {
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                yield return bitmap.GetPixel(x, y);
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

        // The resumed curve has the two evaluations of the checkpoint and its own third one.
        Assert.Equal(2, run.Vae.History.Entries.Count);
        Assert.Equal(3, resumed.Vae.History.Entries.Count);
        Assert.Equal(run.Vae.History.Entries, resumed.Vae.History.Entries.Take(2));
        using var bitmap = SKBitmap.Decode(Path.Combine(resumed.Artifacts.Folder, "curves", "loss.png"));
        Assert.Equal((800, 500), (bitmap.Width, bitmap.Height));
        var texts = XDocument.Load(Path.Combine(resumed.Artifacts.Folder, "curves", "loss.svg")).Descendants().Select(e => e.Value.Trim()).ToList();
        Assert.Contains("test −ELBO", texts);
        Assert.Contains("epoch", texts);
    }
}
