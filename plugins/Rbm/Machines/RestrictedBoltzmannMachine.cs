using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>The energy, conditionals and free energy of a restricted Boltzmann machine with binary hidden units.</summary>
/// <remarks>
/// The parameters are plain tensors updated in place by the training step; there is no loss to backpropagate.
/// Subclasses define the visible units. Conventions: weights are <c>[visible, hidden]</c>, examples are rows, and
/// every per-example quantity is returned as a vector over the batch.
/// </remarks>
internal abstract class RestrictedBoltzmannMachine : IDisposable
{
    protected RestrictedBoltzmannMachine(Tensor weights, Tensor visibleBias, Tensor hiddenBias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(visibleBias);
        ArgumentNullException.ThrowIfNull(hiddenBias);
        if (weights.dim() != 2 || visibleBias.shape[0] != weights.shape[0] || hiddenBias.shape[0] != weights.shape[1])
            throw new ArgumentException(
                $"Inconsistent shapes: weights [{string.Join(", ", weights.shape)}], visible bias [{visibleBias.shape[0]}], hidden bias [{hiddenBias.shape[0]}].");
        Weights = weights;
        VisibleBias = visibleBias;
        HiddenBias = hiddenBias;
    }

    /// <summary>W, <c>[visible, hidden]</c>.</summary>
    public Tensor Weights { get; }

    /// <summary>a, <c>[visible]</c>.</summary>
    public Tensor VisibleBias { get; }

    /// <summary>b, <c>[hidden]</c>.</summary>
    public Tensor HiddenBias { get; }

    public int VisibleCount => (int)Weights.shape[0];

    public int HiddenCount => (int)Weights.shape[1];

    /// <summary>The total input to the hidden units, b + x(v) W, where x(v) is v scaled by the visible units.</summary>
    public Tensor HiddenInput(Tensor visible) => HiddenBias.addmm(ScaleVisible(visible), Weights);

    /// <summary>p(h = 1 | v).</summary>
    public Tensor HiddenProbability(Tensor visible) => sigmoid(HiddenInput(visible));

    /// <summary>A sample of h given v.</summary>
    public Tensor SampleHidden(Tensor visible, Generator generator) => BernoulliSampling.Sample(HiddenProbability(visible), generator);

    /// <summary>E[v | h], <c>[batch, visible]</c>.</summary>
    public abstract Tensor VisibleMean(Tensor hidden);

    /// <summary>A sample of v given its conditional mean <see cref="VisibleMean"/>.</summary>
    public abstract Tensor SampleVisibleFromMean(Tensor mean, Generator generator);

    /// <summary>A sample of v given h.</summary>
    public Tensor SampleVisible(Tensor hidden, Generator generator) => SampleVisibleFromMean(VisibleMean(hidden), generator);

    /// <summary>One Gibbs sweep v → h → v.</summary>
    public Tensor GibbsSweep(Tensor visible, Generator generator) => SampleVisible(SampleHidden(visible, generator), generator);

    /// <summary>Independent visible noise to start chains from.</summary>
    public abstract Tensor VisibleNoise(long count, Generator generator);

    /// <summary>F(v) = visible energy(v) - Σ_j softplus(b_j + x(v) W_j), with p(v) = exp(-F(v)) / Z.</summary>
    public Tensor FreeEnergy(Tensor visible) => FreeEnergy(visible, HiddenInput(visible));

    /// <summary>F(v) from an already computed <see cref="HiddenInput"/>, to save a matrix product.</summary>
    public Tensor FreeEnergy(Tensor visible, Tensor hiddenInput) => VisibleEnergy(visible) - F.softplus(hiddenInput).sum(1);

    /// <summary>The part of the energy that involves visible units alone, per example.</summary>
    public abstract Tensor VisibleEnergy(Tensor visible);

    /// <summary>The log-likelihood gradient estimate: positive phase on <paramref name="data"/> minus negative phase
    /// on <paramref name="modelSamples"/>, with the hidden probabilities already computed for each.</summary>
    public abstract RbmGradient Gradient(Tensor data, Tensor dataHidden, Tensor modelSamples, Tensor modelHidden);

    /// <summary>Whether log Z can be computed by enumerating the visible states (binary visible units only).</summary>
    public abstract bool CanEnumerateVisible { get; }

    /// <summary>log Σ_h exp(-E(v, h)) = -F(v) for each row of visible states, in float64 (binary visible units only).</summary>
    public virtual Tensor LogMarginalOfVisible(Tensor visible) =>
        throw new NotSupportedException($"{GetType().Name} cannot enumerate its visible states.");

    /// <summary>log Σ_v exp(-E(v, h)) for each row of hidden states, in float64.</summary>
    public abstract Tensor LogMarginalOfHidden(Tensor hidden);

    /// <summary>The visible units' parameters of the annealing base model, fitted to training data.</summary>
    public abstract Tensor AnnealingBase(Tensor trainingData);

    /// <summary>log Z of the base model with visible parameters <paramref name="baseVisible"/>, zero weights and hidden biases.</summary>
    public abstract double BaseLogPartition(Tensor baseVisible);

    /// <summary>Exact samples of the base model's visible units.</summary>
    public abstract Tensor SampleBase(long count, Tensor baseVisible, Generator generator);

    /// <summary>One annealing transition: adds log p*_β(v) - log p*_β'(v) to <paramref name="logWeights"/> (float64),
    /// then returns v after one Gibbs sweep that leaves p_β invariant.</summary>
    /// <remarks>p*_β(v) interpolates between the base model (β = 0) and this machine (β = 1) as in Salakhutdinov and
    /// Murray (2008): the visible terms are mixed (1-β)·base + β·this, and each hidden unit contributes
    /// 1 + exp(β · input).</remarks>
    public abstract Tensor AnnealStep(Tensor visible, Tensor logWeights, double previousBeta, double beta, Tensor baseVisible, Generator generator);

    /// <summary>The visible statistic that multiplies W in the energy: v for binary units, v/σ for Gaussian ones.</summary>
    protected abstract Tensor ScaleVisible(Tensor visible);

    /// <summary>Σ_j [softplus(β x_j) - softplus(β' x_j)] in float64, the hidden units' share of an annealing weight.</summary>
    protected static Tensor HiddenAnnealingTerm(Tensor hiddenInput, double previousBeta, double beta)
    {
        var x = hiddenInput.to_type(ScalarType.Float64);
        return (F.softplus(x * beta) - F.softplus(x * previousBeta)).sum(1);
    }

    public virtual void Dispose()
    {
        Weights.Dispose();
        VisibleBias.Dispose();
        HiddenBias.Dispose();
    }
}
