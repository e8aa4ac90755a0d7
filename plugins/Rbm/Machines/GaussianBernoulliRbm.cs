using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>Real-valued visible units with per-unit standard deviations σ and binary hidden units:
/// E(v, h) = Σ_i (v_i - a_i)² / 2σ_i² - b·h - Σ_ij (v_i/σ_i) W_ij h_j, so that p(v | h) = N(a + σ ⊙ Wh, σ²)
/// (Hinton's practical guide, section 13.2).</summary>
/// <remarks>σ is kept as log σ so that a learned σ stays positive.</remarks>
internal sealed class GaussianBernoulliRbm : RestrictedBoltzmannMachine
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    public GaussianBernoulliRbm(Tensor weights, Tensor visibleBias, Tensor hiddenBias, Tensor logSigma, bool learnSigma)
        : base(weights, visibleBias, hiddenBias)
    {
        ArgumentNullException.ThrowIfNull(logSigma);
        if (logSigma.shape.Length != 1 || logSigma.shape[0] != weights.shape[0])
            throw new ArgumentException($"log sigma must have one entry per visible unit ({weights.shape[0]}), got [{string.Join(", ", logSigma.shape)}].");
        LogSigma = logSigma;
        LearnsSigma = learnSigma;
    }

    /// <summary>log σ, <c>[visible]</c>.</summary>
    public Tensor LogSigma { get; }

    public bool LearnsSigma { get; }

    private Tensor Sigma => LogSigma.exp();

    public override Tensor VisibleMean(Tensor hidden) => addcmul(VisibleBias, Sigma, mm(hidden, Weights.t()), 1);

    public override Tensor SampleVisibleFromMean(Tensor mean, Generator generator) =>
        mean + Sigma * randn(mean.shape, dtype: mean.dtype, device: mean.device, generator: generator);

    public override Tensor VisibleNoise(long count, Generator generator) =>
        VisibleBias + Sigma * randn([count, VisibleCount], dtype: Weights.dtype, device: Weights.device, generator: generator);

    public override Tensor VisibleEnergy(Tensor visible) =>
        ((visible - VisibleBias) / Sigma).square().sum(1).mul_(0.5);

    public override RbmGradient Gradient(Tensor data, Tensor dataHidden, Tensor modelSamples, Tensor modelHidden)
    {
        var sigma = Sigma;
        var visible = (data.mean([0]) - modelSamples.mean([0])) / sigma.square();
        var hidden = dataHidden.mean([0]) - modelHidden.mean([0]);
        var logSigma = LearnsSigma
            ? LogSigmaStatistic(data, dataHidden, sigma).mean([0]) - LogSigmaStatistic(modelSamples, modelHidden, sigma).mean([0])
            : null;
        return new RbmGradient(visible, hidden, logSigma)
            .AddWeightTerm(data / sigma, dataHidden, 1.0 / data.shape[0])
            .AddWeightTerm(modelSamples / sigma, modelHidden, -1.0 / modelSamples.shape[0]);
    }

    public override bool CanEnumerateVisible => false;

    public override Tensor LogMarginalOfHidden(Tensor hidden)
    {
        // ∫ exp(-(v-a)²/2σ² + v c/σ) dv = √(2π) σ exp(a c/σ + c²/2) per unit, with c = (W h)_i.
        var h = hidden.to_type(ScalarType.Float64);
        var sigma = Sigma.to_type(ScalarType.Float64);
        var c = mm(h, Weights.to_type(ScalarType.Float64).t());
        var perUnit = c * (VisibleBias.to_type(ScalarType.Float64) / sigma) + c.square() * 0.5;
        var normaliser = (LogSigma.to_type(ScalarType.Float64) + HalfLogTwoPi).sum();
        return mv(h, HiddenBias.to_type(ScalarType.Float64)) + perUnit.sum(1) + normaliser;
    }

    /// <summary>The base model shares σ and centres each unit at its training mean.</summary>
    public override Tensor AnnealingBase(Tensor trainingData) => trainingData.mean([0]).to_type(Weights.dtype);

    public override double BaseLogPartition(Tensor baseVisible) =>
        (LogSigma.to_type(ScalarType.Float64) + HalfLogTwoPi).sum().item<double>() + HiddenCount * Math.Log(2.0);

    public override Tensor SampleBase(long count, Tensor baseVisible, Generator generator) =>
        baseVisible + Sigma * randn([count, VisibleCount], dtype: Weights.dtype, device: Weights.device, generator: generator);

    public override Tensor AnnealStep(Tensor visible, Tensor logWeights, double previousBeta, double beta, Tensor baseVisible, Generator generator)
    {
        var sigma = Sigma;
        var hiddenInput = HiddenInput(visible);
        var toThis = ((visible - VisibleBias) / sigma).square();
        var toBase = ((visible - baseVisible) / sigma).square();
        logWeights.add_((toThis - toBase).to_type(ScalarType.Float64).sum(1), alpha: -0.5 * (beta - previousBeta));
        logWeights.add_(HiddenAnnealingTerm(hiddenInput, previousBeta, beta));
        var hidden = BernoulliSampling.Sample(sigmoid(hiddenInput * beta), generator);
        // p_β(v | h) = N((1-β) a_base + β (a + σ ⊙ W h), σ²).
        var mean = VisibleMean(hidden).mul_(beta).add_(baseVisible, alpha: 1.0 - beta);
        return SampleVisibleFromMean(mean, generator);
    }

    protected override Tensor ScaleVisible(Tensor visible) => visible / Sigma;

    public override void Dispose()
    {
        LogSigma.Dispose();
        base.Dispose();
    }

    /// <summary>d(-F)/d log σ_i = (v_i - a_i)²/σ_i² - (v_i/σ_i) (W p(h|v))_i per example.</summary>
    private Tensor LogSigmaStatistic(Tensor visible, Tensor hiddenProbability, Tensor sigma)
    {
        var scaled = visible / sigma;
        var centred = (visible - VisibleBias) / sigma;
        return centred.square() - scaled * mm(hiddenProbability, Weights.t());
    }
}
