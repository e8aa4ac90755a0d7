using static TorchSharp.torch;

namespace Framework.Host.Tests;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void TheNativeBackendLoadsAndMultipliesMatrices()
    {
        using var scope = NewDisposeScope();
        var a = arange(6, dtype: float32).reshape(2, 3);
        var b = arange(6, dtype: float32).reshape(3, 2);
        var product = matmul(a, b);
        // [[0 1 2],[3 4 5]] x [[0 1],[2 3],[4 5]] = [[10 13],[28 40]]
        Assert.Equal(new float[] { 10, 13, 28, 40 }, product.data<float>().ToArray());
    }
}
