using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>The elementwise parts of <see cref="FusedMlpStep"/> for relu networks with a Bernoulli decoder, each one
/// pass over a feature-major buffer (<c>[features, batch]</c>, rows contiguous) that also sums its rows.</summary>
/// <remarks>
/// Why: as tensor operations the Bernoulli loss and its gradient are twelve passes over the 784 x 128 output
/// (abs, exp, log1p, sigmoid, the sums and their temporaries), the relu derivative a comparison, a boolean temporary
/// and a masked fill, and every bias gradient another reduction. Each pass is short (about 100,000 values that sit
/// in the cache), so the library's dispatch and its fork and join of two threads cost as much as the arithmetic,
/// and they ran on the calling thread while the other core waited. One vectorised pass does the same work with one
/// exponential and one logarithm per value.
/// The buffers are views of the step's preallocated buffers: a full batch is contiguous, a partial batch is its
/// first columns, so rows are <c>stride(0)</c> apart.
/// </remarks>
internal static class FeatureMajorKernels
{
    /// <summary>Whether <paramref name="tensor"/> is a float32 CPU matrix with contiguous rows.</summary>
    public static bool Handles(Tensor tensor) =>
        tensor.device_type == TorchSharp.DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.dim() == 2 && tensor.stride(1) == 1;

    /// <summary>Replaces logits l by the gradient scale·(σ(l) − x) of the Bernoulli negative log-likelihood, writes that
    /// gradient's row sums (the output bias gradient) into <paramref name="biasGradient"/>, and returns
    /// Σ softplus(l) − x·l, with softplus(l) = log(1 + e^−|l|) + max(l, 0).</summary>
    public static unsafe double BernoulliLoss(Tensor logits, Tensor x, double scale, Tensor biasGradient)
    {
        var (l, t) = (Rows.Of(logits, x), Rows.Of(x, logits));
        var b = Vector(biasGradient, logits);
        var columns = l.Columns;
        var factor = (float)scale;
        var one = Vector256.Create(1f);
        var zero = Vector256<float>.Zero;
        var total = 0.0;
        for (long r = 0; r < l.Count; r++)
        {
            var lr = l.Row(r);
            var tr = t.Row(r);
            var loss = Vector256<float>.Zero;
            var gradientSum = Vector256<float>.Zero;
            long c = 0;
            for (; c + 8 <= columns; c += 8)
            {
                var logit = Vector256.Load(lr + c);
                var target = Vector256.Load(tr + c);
                var decay = Vector256.Exp(-Vector256.Abs(logit));           // e^−|l|, in (0, 1]
                var denominator = one + decay;
                loss += Vector256.Log(denominator) + Vector256.Max(logit, zero) - target * logit;
                // σ(l) = 1/(1 + e^−|l|) for l ≥ 0 and e^−|l|/(1 + e^−|l|) otherwise: no overflow either way.
                var sigmoid = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(logit, zero), one, decay) / denominator;
                var gradient = (sigmoid - target) * factor;
                gradientSum += gradient;
                Vector256.Store(gradient, lr + c);
            }

            var rowLoss = (double)Vector256.Sum(loss);
            var rowGradient = Vector256.Sum(gradientSum);
            for (; c < columns; c++)
            {
                var logit = lr[c];
                var decay = MathF.Exp(-MathF.Abs(logit));
                rowLoss += MathF.Log(1 + decay) + MathF.Max(logit, 0) - tr[c] * logit;
                var gradient = ((logit >= 0 ? 1 : decay) / (1 + decay) - tr[c]) * factor;
                rowGradient += gradient;
                lr[c] = gradient;
            }

            total += rowLoss;
            b[r] = rowGradient;
        }

        return total;
    }

    /// <summary>Zeroes the gradient where the relu output is not positive and writes the result's row sums (the
    /// layer's bias gradient) into <paramref name="biasGradient"/>.</summary>
    public static unsafe void ReluBackward(Tensor gradient, Tensor output, Tensor biasGradient)
    {
        var (g, y) = (Rows.Of(gradient, output), Rows.Of(output, gradient));
        var b = Vector(biasGradient, gradient);
        var columns = g.Columns;
        var zero = Vector256<float>.Zero;
        for (long r = 0; r < g.Count; r++)
        {
            var gr = g.Row(r);
            var yr = y.Row(r);
            var sum = Vector256<float>.Zero;
            long c = 0;
            for (; c + 8 <= columns; c += 8)
            {
                var masked = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Load(yr + c), zero), Vector256.Load(gr + c), zero);
                sum += masked;
                Vector256.Store(masked, gr + c);
            }

            var rowSum = Vector256.Sum(sum);
            for (; c < columns; c++)
            {
                var masked = yr[c] > 0 ? gr[c] : 0f;
                rowSum += masked;
                gr[c] = masked;
            }

            b[r] = rowSum;
        }
    }

    /// <summary>y ← max(y + b, 0) with the bias <paramref name="bias"/> added to every column.</summary>
    public static unsafe void AddBiasRelu(Tensor preActivation, Tensor bias)
    {
        var y = Rows.Of(preActivation, preActivation);
        var b = Vector(bias, preActivation);
        var columns = y.Columns;
        var zero = Vector256<float>.Zero;
        for (long r = 0; r < y.Count; r++)
        {
            var yr = y.Row(r);
            var rowBias = Vector256.Create(b[r]);
            long c = 0;
            for (; c + 8 <= columns; c += 8)
                Vector256.Store(Vector256.Max(Vector256.Load(yr + c) + rowBias, zero), yr + c);
            for (; c < columns; c++)
                yr[c] = MathF.Max(yr[c] + b[r], 0);
        }
    }

    /// <summary>The values of a vector with one value per row of <paramref name="matrix"/>.</summary>
    private static unsafe float* Vector(Tensor vector, Tensor matrix)
    {
        if (vector.device_type != TorchSharp.DeviceType.CPU || vector.dtype != ScalarType.Float32 || vector.dim() != 1
            || !vector.is_contiguous() || vector.shape[0] != matrix.shape[0])
            throw new ArgumentException($"The kernels take a contiguous float32 CPU vector of {matrix.shape[0]} values beside the matrix.");
        return TensorMemory.Pointer(vector);
    }

    /// <summary>A float32 CPU matrix with contiguous rows, addressed row by row.</summary>
    private readonly unsafe struct Rows
    {
        private readonly float* _data;
        private readonly long _stride;

        private Rows(Tensor tensor)
        {
            _data = TensorMemory.Pointer(tensor);
            _stride = tensor.stride(0);
            Count = tensor.shape[0];
            Columns = tensor.shape[1];
        }

        public long Count { get; }

        public long Columns { get; }

        public float* Row(long r) => _data + r * _stride;

        /// <summary>The rows of <paramref name="tensor"/>, which must have the shape of <paramref name="partner"/>.</summary>
        public static Rows Of(Tensor tensor, Tensor partner)
        {
            if (!Handles(tensor) || !Handles(partner) || tensor.shape[0] != partner.shape[0] || tensor.shape[1] != partner.shape[1])
                throw new ArgumentException("The kernels take float32 CPU matrices of one shape with contiguous rows.");
            return new Rows(tensor);
        }
    }
}
