using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>Binary visible and hidden units: E(v, h) = -a·v - b·h - vᵀWh.</summary>
internal sealed class BernoulliRbm(Tensor weights, Tensor visibleBias, Tensor hiddenBias)
    : RestrictedBoltzmannMachine(weights, visibleBias, hiddenBias)
{
    public override Tensor VisibleMean(Tensor hidden) => sigmoid(VisibleBias.addmm(hidden, Weights.t()));

    public override Tensor SampleVisibleFromMean(Tensor mean, Generator generator) => BernoulliSampling.Sample(mean, generator);

    public override Tensor VisibleNoise(long count, Generator generator) =>
        BernoulliSampling.Sample(full(count, VisibleCount, 0.5f, dtype: Weights.dtype, device: Weights.device), generator);

    public override Tensor VisibleEnergy(Tensor visible) => -mv(visible, VisibleBias);

    public override RbmGradient Gradient(Tensor data, Tensor dataHidden, Tensor modelSamples, Tensor modelHidden)
    {
        // d(-F)/dW = vᵀ p(h|v), d(-F)/da = v, d(-F)/db = p(h|v): expectations under the data minus under the model.
        var visible = data.mean([0]) - modelSamples.mean([0]);
        var hidden = dataHidden.mean([0]) - modelHidden.mean([0]);
        return new RbmGradient(visible, hidden, null)
            .AddWeightTerm(data, dataHidden, 1.0 / data.shape[0])
            .AddWeightTerm(modelSamples, modelHidden, -1.0 / modelSamples.shape[0]);
    }

    public override bool CanEnumerateVisible => true;

    public override Tensor LogMarginalOfVisible(Tensor visible)
    {
        var v = visible.to_type(ScalarType.Float64);
        var hiddenInput = HiddenBias.to_type(ScalarType.Float64).addmm(v, Weights.to_type(ScalarType.Float64));
        return mv(v, VisibleBias.to_type(ScalarType.Float64)) + F.softplus(hiddenInput).sum(1);
    }

    public override Tensor LogMarginalOfHidden(Tensor hidden)
    {
        // Σ_v exp(a·v + b·h + vᵀWh) = exp(b·h) Π_i (1 + exp(a_i + (W h)_i)).
        var h = hidden.to_type(ScalarType.Float64);
        var w = Weights.to_type(ScalarType.Float64);
        var visibleInput = VisibleBias.to_type(ScalarType.Float64).addmm(h, w.t());
        return mv(h, HiddenBias.to_type(ScalarType.Float64)) + F.softplus(visibleInput).sum(1);
    }

    public override Tensor AnnealingBase(Tensor trainingData)
    {
        // Base-rate model: log-odds of the Laplace-smoothed unit means (Salakhutdinov and Murray 2008).
        var n = trainingData.shape[0];
        var p = (trainingData.sum([0]).to_type(ScalarType.Float64) + 1.0) / (n + 2.0);
        return (p / (1.0 - p)).log_().to_type(Weights.dtype);
    }

    public override double BaseLogPartition(Tensor baseVisible) =>
        F.softplus(baseVisible.to_type(ScalarType.Float64)).sum().item<double>() + HiddenCount * Math.Log(2.0);

    public override Tensor SampleBase(long count, Tensor baseVisible, Generator generator) =>
        BernoulliSampling.Sample(sigmoid(baseVisible).expand(count, -1).contiguous(), generator);

    public override Tensor AnnealStep(Tensor visible, Tensor logWeights, double previousBeta, double beta, Tensor baseVisible, Generator generator)
    {
        var hiddenInput = HiddenInput(visible);
        var biasDifference = (VisibleBias - baseVisible).to_type(ScalarType.Float64);
        logWeights.add_(mv(visible.to_type(ScalarType.Float64), biasDifference), alpha: beta - previousBeta);
        logWeights.add_(HiddenAnnealingTerm(hiddenInput, previousBeta, beta));
        var hidden = BernoulliSampling.Sample(sigmoid(hiddenInput * beta), generator);
        var visibleInput = VisibleBias.addmm(hidden, Weights.t()).mul_(beta).add_(baseVisible, alpha: 1.0 - beta);
        return BernoulliSampling.Sample(sigmoid(visibleInput), generator);
    }

    protected override Tensor ScaleVisible(Tensor visible) => visible;
}
