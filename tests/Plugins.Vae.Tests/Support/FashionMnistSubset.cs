using Framework.Contracts.Data;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>The first images of Fashion-MNIST (Debian package dataset-fashion-mnist, which CI installs), through the idx plugin.</summary>
internal static class FashionMnistSubset
{
    public static Dataset Load(int train, int test, ImageShape shape = ImageShape.Flat, Binarization binarize = Binarization.None)
    {
        using var context = new TestDatasetContext();
        return PluginContainer.Idx.Load(new IdxOptions { TrainLimit = train, TestLimit = test, Shape = shape, Binarize = binarize }, context);
    }
}
