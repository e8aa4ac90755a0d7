using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Sampling;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Training;

/// <summary>Estimates the negative phase by k Gibbs sweeps, from the data (CD-k) or from persistent chains that
/// carry over between updates (PCD-k, Tieleman 2008).</summary>
internal sealed class ContrastiveDivergence : IDisposable
{
    private readonly RestrictedBoltzmannMachine _machine;
    private readonly int _gibbsSteps;

    public ContrastiveDivergence(RestrictedBoltzmannMachine machine, TrainingMethod method, int gibbsSteps, int persistentChains, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gibbsSteps, 1);
        _machine = machine;
        _gibbsSteps = gibbsSteps;
        Method = method;
        if (method == TrainingMethod.Pcd)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(persistentChains, 1);
            PersistentChains = machine.VisibleNoise(persistentChains, generator).DetachFromDisposeScope();
        }
    }

    public TrainingMethod Method { get; }

    /// <summary>The visible states of the persistent chains (PCD only): training state that checkpoints must keep.</summary>
    public Tensor? PersistentChains { get; }

    public NegativePhase Run(Tensor data, Generator generator)
    {
        using var noGrad = no_grad();
        var dataInput = _machine.HiddenInput(data);
        var dataHidden = sigmoid(dataInput);
        var reconstruction = _machine.VisibleMean(BernoulliSampling.Sample(dataHidden, generator));

        Tensor samples;
        if (PersistentChains is null)
        {
            // CD-k: the reconstruction's sample is the first sweep's end point.
            var first = _machine.SampleVisibleFromMean(reconstruction, generator);
            samples = GibbsChain.Run(_machine, first, _gibbsSteps - 1, generator);
        }
        else
        {
            samples = GibbsChain.Run(_machine, PersistentChains, _gibbsSteps, generator);
            PersistentChains.copy_(samples);
        }

        var modelInput = _machine.HiddenInput(samples);
        var modelHidden = sigmoid(modelInput);
        var dataFreeEnergy = _machine.FreeEnergy(data, dataInput).mean();
        var gap = dataFreeEnergy - _machine.FreeEnergy(samples, modelInput).mean();
        return new NegativePhase(dataHidden, samples, modelHidden, reconstruction, gap, dataFreeEnergy);
    }

    public void Dispose() => PersistentChains?.Dispose();
}
