using Framework.Plugins.Vae.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The vectorised passes of the fused step equal the tensor operations they replace, on whole buffers and on
/// the first columns of one (an epoch's last, partial batch), at logits far out in both tails.</summary>
public sealed class FeatureMajorKernelsTests
{
    [Theory]
    [InlineData(37, 16, 16)]   // whole buffer, contiguous
    [InlineData(37, 16, 11)]   // first 11 of 16 columns: rows 16 apart, a ragged vector tail
    [InlineData(5, 3, 3)]      // narrower than one vector
    public void TheBernoulliLossAndGradientEqualBinaryCrossEntropyWithLogits(int rows, int width, int columns)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var logits = (randn([rows, width], generator: generator) * 8).narrow(1, 0, columns);
        // Tails where a naive log(1 + e^l) or 1/(1 + e^-l) overflows.
        logits[0, 0] = tensor(-120f);
        logits[1, 0] = tensor(95f);
        logits[2, 0] = tensor(0f);
        var x = rand([rows, width], generator: generator).narrow(1, 0, columns);
        x[3, 1] = tensor(1f);
        const double scale = 0.25;

        var expectedLoss = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.Sum).item<float>();
        var expectedGradient = (logits.sigmoid() - x) * scale;
        var biasGradient = full([rows], float.NaN);

        var loss = FeatureMajorKernels.BernoulliLoss(logits, x, scale, biasGradient);

        Assert.Equal(expectedLoss, loss, Math.Max(1e-3, 1e-6 * Math.Abs(expectedLoss)));
        AssertClose(expectedGradient, logits, "gradient");
        AssertClose(expectedGradient.sum(1), biasGradient, "row sums");
    }

    [Theory]
    [InlineData(29, 16, 16)]
    [InlineData(29, 16, 9)]
    public void TheReluBackwardZeroesWhereTheOutputIsNotPositiveAndSumsRows(int rows, int width, int columns)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);
        var output = randn([rows, width], generator: generator).relu_().narrow(1, 0, columns);
        var gradient = randn([rows, width], generator: generator).narrow(1, 0, columns);
        var expected = gradient.masked_fill(output.le(0), 0);
        var biasGradient = full([rows], float.NaN);

        FeatureMajorKernels.ReluBackward(gradient, output, biasGradient);

        AssertClose(expected, gradient, "gradient");
        AssertClose(expected.sum(1), biasGradient, "row sums");
    }

    [Theory]
    [InlineData(21, 16, 16)]
    [InlineData(21, 16, 13)]
    public void AddBiasReluAddsTheBiasToEveryColumnThenClipsAtZero(int rows, int width, int columns)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var whole = randn([rows, width], generator: generator);
        var untouched = whole.narrow(1, columns, width - columns).clone();
        var values = whole.narrow(1, 0, columns);
        var bias = randn([rows], generator: generator);
        var expected = (values + bias.unsqueeze(1)).relu();

        FeatureMajorKernels.AddBiasRelu(values, bias);

        AssertClose(expected, values, "activations");
        // The columns past the batch are left alone.
        Assert.True(whole.narrow(1, columns, width - columns).equal(untouched).all().item<bool>());
    }

    [Fact]
    public void ItRefusesMatricesWhoseRowsAreNotContiguous()
    {
        using var scope = NewDisposeScope();
        var transposed = zeros([8, 4]).t();
        Assert.Throws<ArgumentException>(() => FeatureMajorKernels.ReluBackward(transposed, transposed, zeros([4])));
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-5f * Math.Max(1f, expected.abs().max().item<float>()), $"{what} differ by {difference}");
    }
}
