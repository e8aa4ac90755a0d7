using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests;

/// <summary>The straight-through binarisation: the values sampling gives forward, the identity's gradient backward.</summary>
public sealed class StraightThroughTests
{
    [Fact]
    public void ForwardGivesTheSignsThatSamplingGives()
    {
        using var y = tensor(new[] { -0.9f, -0.01f, 0f, 0.2f, 1f });
        using var binary = StraightThrough.Binarize(y);
        Assert.Equal(new[] { -1f, -1f, 1f, 1f, 1f }, binary.data<float>().ToArray());
    }

    [Fact]
    public void BackwardPassesTheGradientThroughUnchanged()
    {
        using var y = tensor(new[] { -0.9f, -0.01f, 0.2f, 0.7f }).requires_grad_();
        using var weights = tensor(new[] { 1f, -2f, 3f, 0.5f });
        using var loss = (StraightThrough.Binarize(y) * weights).sum();
        loss.backward();
        Assert.Equal(weights.data<float>().ToArray(), y.grad!.data<float>().ToArray());
    }
}
