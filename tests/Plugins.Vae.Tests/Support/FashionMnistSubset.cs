using Framework.Contracts.Data;
using Framework.Plugins.Idx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>The first images of Fashion-MNIST (Debian package dataset-fashion-mnist, which CI installs), through the idx plugin.</summary>
internal static class FashionMnistSubset
{
    public static Dataset Load(int train, int test, ImageShape shape = ImageShape.Flat, Binarization binarize = Binarization.None)
    {
        var plugin = PluginContainer.Idx;
        using var context = new Context();
        return plugin.Load(new IdxOptions { TrainLimit = train, TestLimit = test, Shape = shape, Binarize = binarize }, context);
    }

    private sealed class Context : IDatasetContext, IDisposable
    {
        public Generator Generator { get; } = new(1);

        public long Seed => 1;

        public string CacheDirectory => Path.GetTempPath();

        public ILogger Logger => NullLogger.Instance;

        public void Dispose() => Generator.Dispose();
    }
}
