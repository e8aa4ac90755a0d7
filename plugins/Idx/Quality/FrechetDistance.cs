using static TorchSharp.torch;

namespace Framework.Plugins.Idx.Quality;

/// <summary>The Fréchet distance between two Gaussians, the measure behind FID (Heusel et al. 2017):
/// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½).</summary>
/// <remarks>
/// Tr (Σ₁ Σ₂)^½ is computed through the symmetric form Σ₂^½ Σ₁ Σ₂^½, which has the same eigenvalues as Σ₁ Σ₂ and whose
/// eigenvalues a symmetric eigensolver returns reliably; the neutral scorer in ../shared/bench does the same. Small
/// negative eigenvalues from rounding are clamped to zero. Everything runs in float64.
/// </remarks>
internal static class FrechetDistance
{
    /// <summary>The squared Fréchet distance between N(<paramref name="mean1"/>, <paramref name="covariance1"/>) and
    /// N(<paramref name="mean2"/>, <paramref name="covariance2"/>).</summary>
    public static double Between(Tensor mean1, Tensor covariance1, Tensor mean2, Tensor covariance2)
    {
        using var scope = NewDisposeScope();
        var (m1, s1, m2, s2) = (mean1.to(float64), covariance1.to(float64), mean2.to(float64), covariance2.to(float64));
        var meanTerm = (m1 - m2).square().sum().item<double>();
        var rootOfS2 = SymmetricSquareRoot(s2);
        var product = rootOfS2.matmul(s1).matmul(rootOfS2);
        product = (product + product.mT) / 2;
        var traceOfRoot = linalg.eigvalsh(product).clamp_min(0).sqrt().sum().item<double>();
        return meanTerm + s1.trace().item<double>() + s2.trace().item<double>() - 2 * traceOfRoot;
    }

    /// <summary>The mean and the unbiased covariance (divisor N − 1, as numpy's cov) of the rows of
    /// <paramref name="features"/>, in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) Moments(Tensor features)
    {
        if (features.shape[0] < 2)
            throw new ArgumentException($"A covariance needs at least two examples; got {features.shape[0]}.", nameof(features));
        var x = features.to(float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        return (mean, centred.mT.matmul(centred) / (x.shape[0] - 1));
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (values, vectors) = linalg.eigh(matrix);
        return vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.mT);
    }
}
