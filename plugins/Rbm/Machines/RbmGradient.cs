using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>The log-likelihood gradient estimate of one update, in the ascent direction: positive phase (data)
/// minus negative phase (model samples), averaged over examples.</summary>
/// <remarks>
/// The weight gradient is kept as a sum of products scale · leftᵀ right (data and sample statistics with their
/// hidden probabilities), so that the optimiser can add it to the velocity with fused matrix products instead of
/// materialising a [visible, hidden] matrix first; <see cref="Weights"/> materialises it for inspection.
/// </remarks>
internal sealed class RbmGradient(Tensor visibleBias, Tensor hiddenBias, Tensor? logSigma)
{
    private readonly List<(Tensor Left, Tensor Right, double Scale)> _weightTerms = [];

    /// <summary>d log p / da, <c>[visible]</c>.</summary>
    public Tensor VisibleBias { get; } = visibleBias;

    /// <summary>d log p / db, <c>[hidden]</c>.</summary>
    public Tensor HiddenBias { get; } = hiddenBias;

    /// <summary>d log p / d log(sigma) of Gaussian visible units, or null when sigma is not learned.</summary>
    public Tensor? LogSigma { get; } = logSigma;

    /// <summary>d log p / dW, <c>[visible, hidden]</c>, materialised from its terms.</summary>
    public Tensor Weights => _weightTerms.Select(t => mm(t.Left.t(), t.Right) * t.Scale).Aggregate((a, b) => a + b);

    /// <summary>Adds scale · leftᵀ right (left <c>[n, visible]</c>, right <c>[n, hidden]</c>) to the weight gradient.</summary>
    public RbmGradient AddWeightTerm(Tensor left, Tensor right, double scale)
    {
        _weightTerms.Add((left, right, scale));
        return this;
    }

    /// <summary>target += alpha · dW, in place.</summary>
    /// <remarks>The terms are stacked into one product (inner dimension: all their rows), so the [visible, hidden]
    /// target is read and written once rather than once per term.</remarks>
    public void AccumulateWeights(Tensor target, double alpha)
    {
        if (_weightTerms.Count == 1)
        {
            var (left, right, scale) = _weightTerms[0];
            target.addmm_(left.t(), right, beta: 1, alpha: (float)(alpha * scale));
            return;
        }
        var lefts = cat(_weightTerms.Select(t => t.Left).ToArray(), 0);
        var rights = cat(_weightTerms.Select(t => t.Right * t.Scale).ToArray(), 0);
        target.addmm_(lefts.t(), rights, beta: 1, alpha: (float)alpha);
    }
}
