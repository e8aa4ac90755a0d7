using Framework.Contracts.Data;
using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Rendering;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Artifacts;

/// <summary>The pictures of an evaluation: reconstructions beside their inputs, loss curves, and for a 2-D latent space its
/// decoded manifold and the test set embedded in it, coloured by label.</summary>
/// <remarks>Samples from the prior are the host's sample grids (it calls <c>Sample</c>), so they are not repeated here.</remarks>
internal sealed class VaeArtifacts
{
    private readonly VaeOptions _options;
    private readonly long[]? _image;
    private readonly ValueRange _range;
    private readonly TwoValueCoding _coding;

    /// <summary>Pictures of the network's own view of the data: inputs coded as the decoder sees them.</summary>
    public VaeArtifacts(VaeOptions options, IReadOnlyList<long> sampleShape, ValueRange range, TwoValueCoding coding)
    {
        _options = options;
        _coding = coding;
        _range = coding.IsIdentity ? range : ValueRange.Unit;
        _image = SampleGeometry.AsImage(sampleShape);
    }

    public void Log(IEvaluationContext context, VaeNetwork network, LossHistory history)
    {
        using var scope = NewDisposeScope();
        var tag = $"epoch_{context.GlobalStep / Math.Max(1, context.StepsPerEpoch):D3}";
        var pictures = _image is not null && context.Data.Layout != SampleLayout.Vector;
        if (pictures)
            LogReconstructions(context, network, tag);
        if (network.LatentDim == 2)
        {
            if (pictures)
                LogManifold(context, network, tag);
            LogEmbedding(context, network, tag);
        }

        LogCurves(context.Artifacts, history);
    }

    private void LogReconstructions(IEvaluationContext context, VaeNetwork network, string tag)
    {
        var test = _coding.ToUnit(context.Data.TestX);
        var columns = (int)Math.Min(8, Math.Min(_options.ReconstructionCount, test.shape[0]));
        var rows = (int)Math.Min(_options.ReconstructionCount, test.shape[0]) / columns;
        var x = test.narrow(0, 0, rows * columns);
        var (mean, _) = network.Encode(x);
        var reconstruction = network.Observation.Mean(network.Decode(mean));
        // Rows alternate: eight inputs, then their eight reconstructions.
        var inputs = x.reshape([rows, 1, columns, .. _image!]);
        var outputs = reconstruction.reshape([rows, 1, columns, .. _image!]);
        var grid = cat([inputs, outputs], 1).reshape([-1, .. _image!]);
        context.Artifacts.LogImageGrid($"reconstructions/{tag}.png", grid, columns, _range.Min, _range.Max);
    }

    private void LogManifold(IEvaluationContext context, VaeNetwork network, string tag)
    {
        // Latent points at evenly spaced quantiles of the prior N(0, 1), so each cell covers equal prior mass
        // (Kingma and Welling 2014, figure 4); the second coordinate grows upwards.
        var size = _options.ManifoldSize;
        var probabilities = linspace(0.05, 0.95, size, dtype: float32, device: context.Device);
        var quantiles = probabilities.mul(2).sub_(1).erfinv_().mul_(Math.Sqrt(2));
        var grid = meshgrid([quantiles.flip(0), quantiles], indexing: "ij");
        var z = stack([grid[1].reshape(-1), grid[0].reshape(-1)], 1);
        var images = network.Observation.Mean(network.Decode(z)).reshape([-1, .. _image!]);
        context.Artifacts.LogImageGrid($"latent/manifold_{tag}.png", images, size, _range.Min, _range.Max);
    }

    private void LogEmbedding(IEvaluationContext context, VaeNetwork network, string tag)
    {
        var test = _coding.ToUnit(context.Data.TestX);
        var count = _options.EmbeddingPoints > 0 ? Math.Min(_options.EmbeddingPoints, test.shape[0]) : test.shape[0];
        var means = new List<Tensor>();
        for (long start = 0; start < count; start += context.EvaluationBatchSize)
            means.Add(network.Encode(test.narrow(0, start, Math.Min(context.EvaluationBatchSize, count - start))).Mean);
        var points = cat(means, 0).cpu();
        var xs = points.select(1, 0).contiguous().data<float>().ToArray();
        var ys = points.select(1, 1).contiguous().data<float>().ToArray();
        var classes = context.Data.TestY?.narrow(0, 0, count).cpu().to_type(ScalarType.Int32).data<int>().ToArray();
        var names = classes is null ? null : context.Data.ClassNames;
        PlotArtifacts.Log(context.Artifacts, $"latent/embedding_{tag}.png", EmbeddingPlot.Create(xs, ys, classes, names), 800, 640);
    }

    private static void LogCurves(IArtifactSink artifacts, LossHistory history)
    {
        PlotArtifacts.Log(artifacts, "curves/loss.png", LossCurvePlot.Create(history), 800, 500);
    }
}
