using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Training;

/// <summary>Gradient ascent with momentum on the log-likelihood estimate, and L2 weight decay on the weights only
/// (Hinton's guide, sections 9 and 10): Δθ ← μ Δθ + ε (g - λ θ); θ ← θ + Δθ.</summary>
internal sealed class MomentumSgd : IDisposable
{
    private readonly RestrictedBoltzmannMachine _machine;
    private readonly Tensor? _logSigma;

    public MomentumSgd(RestrictedBoltzmannMachine machine, Tensor? learnedLogSigma)
    {
        _machine = machine;
        _logSigma = learnedLogSigma;
        WeightVelocity = zeros_like(machine.Weights);
        VisibleVelocity = zeros_like(machine.VisibleBias);
        HiddenVelocity = zeros_like(machine.HiddenBias);
        LogSigmaVelocity = learnedLogSigma is null ? null : zeros_like(learnedLogSigma);
    }

    public Tensor WeightVelocity { get; }

    public Tensor VisibleVelocity { get; }

    public Tensor HiddenVelocity { get; }

    public Tensor? LogSigmaVelocity { get; }

    /// <summary>σ is kept within [e^-7, e^7] because a learned σ can collapse onto a single training example.</summary>
    private const double LogSigmaBound = 7.0;

    public void Apply(RbmGradient gradient, double learningRate, double momentum, double weightDecay)
    {
        using var noGrad = no_grad();
        gradient.AccumulateWeights(WeightVelocity.mul_(momentum), learningRate);
        VisibleVelocity.mul_(momentum).add_(gradient.VisibleBias, alpha: learningRate);
        HiddenVelocity.mul_(momentum).add_(gradient.HiddenBias, alpha: learningRate);
        DecayAndMove(learningRate, weightDecay);
        if (_logSigma is not null && LogSigmaVelocity is not null && gradient.LogSigma is not null)
        {
            LogSigmaVelocity.mul_(momentum).add_(gradient.LogSigma, alpha: learningRate);
            _logSigma.add_(LogSigmaVelocity).clamp_(-LogSigmaBound, LogSigmaBound);
        }
    }

    /// <summary>The rest of a step once the velocities hold μ Δθ + ε g: subtracts ε λ W from the weights' velocity,
    /// then moves the weights and biases by their velocities (also the end of <see cref="BinaryUpdate"/>).</summary>
    public void DecayAndMove(double learningRate, double weightDecay)
    {
        if (weightDecay > 0)
            WeightVelocity.add_(_machine.Weights, alpha: -learningRate * weightDecay);
        _machine.Weights.add_(WeightVelocity);
        _machine.VisibleBias.add_(VisibleVelocity);
        _machine.HiddenBias.add_(HiddenVelocity);
    }

    public IEnumerable<Tensor> State()
    {
        yield return WeightVelocity;
        yield return VisibleVelocity;
        yield return HiddenVelocity;
        if (LogSigmaVelocity is not null)
            yield return LogSigmaVelocity;
    }

    public void Dispose()
    {
        foreach (var tensor in State())
            tensor.Dispose();
    }
}
