using Framework.Contracts.Models;
using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Sampling;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Training;

/// <summary>One CD-k or PCD-k update of a Bernoulli-Bernoulli RBM, written out in preallocated buffers: the same
/// update as <see cref="ContrastiveDivergence"/>, <see cref="BernoulliRbm.Gradient"/> and <see cref="MomentumSgd"/>
/// (without a sparsity target), in a fifth of the tensor operations.</summary>
/// <remarks>
/// <para>Why: a CD-1 step of a 784x256 RBM with batch 64 is four matrix products of about 0.15-0.25 ms each; the
/// general path around them (about sixty small tensor operations, each allocating its result, free energies and a
/// sampled reconstruction computed every step although the host reads them only every <c>log_every</c> steps, and
/// libtorch's one-at-a-time uniforms) took as long again. Here:</para>
/// <list type="bullet">
/// <item>the data rows and the negative-phase rows share one <c>[n + m, visible]</c> buffer and their hidden
/// probabilities one <c>[n + m, hidden]</c> buffer, so the weight gradient (positive minus negative phase) and the
/// momentum are a single <c>addmm_</c> into the velocity, and both bias gradients are one <c>addmv_</c> each;</item>
/// <item>binary states are drawn by <see cref="LaneBernoulli"/> straight into their buffers on the CPU;</item>
/// <item>the free energies and the reconstruction error are computed only when the host reads them
/// (<see cref="Framework.Contracts.Training.IStepContext.ReportsMetrics"/>); the update itself never depends on it.</item>
/// </list>
/// <para>train/recon_error is here the mean-field reconstruction error, Σ_i (v_i - E[v_i | h = p(h|v)])², the same
/// definition as test/recon_error.</para>
/// </remarks>
internal sealed class BinaryUpdate : IDisposable
{
    private readonly RestrictedBoltzmannMachine _machine;
    private readonly MomentumSgd _velocities;
    private readonly Tensor? _persistentChains;
    private readonly int _gibbsSteps;
    private readonly LaneBernoulli _lanes = new();
    private Buffers? _buffers;

    public BinaryUpdate(BernoulliRbm machine, MomentumSgd velocities, ContrastiveDivergence negativePhase, int gibbsSteps)
    {
        _machine = machine;
        _velocities = velocities;
        _persistentChains = negativePhase.PersistentChains;
        _gibbsSteps = gibbsSteps;
    }

    /// <summary>The visible rows of the last update: the data, then the negative-phase samples (for tests).</summary>
    internal Tensor LastVisible => _buffers?.Visible ?? throw new InvalidOperationException("No update has run yet.");

    /// <summary>p(h | v) of <see cref="LastVisible"/>, each row scaled by its weight in the gradient: 1 for data rows,
    /// -n/m for the m negative-phase rows of a batch of n (for tests).</summary>
    internal Tensor LastHidden => _buffers!.Hidden;

    /// <summary>Updates the machine's parameters from one batch of encoded data; returns the step's metrics when
    /// <paramref name="reportMetrics"/> is set, else an empty output.</summary>
    public StepOutput Apply(Tensor data, Generator generator, double learningRate, double momentum, double weightDecay, bool reportMetrics)
    {
        using var noGrad = no_grad();
        var n = data.shape[0];
        var m = _persistentChains?.shape[0] ?? n;
        var buffers = BuffersFor(n, m, data.device);
        if (LaneBernoulli.Handles(buffers.Visible))
            _lanes.Reseed(generator);

        var dataRows = buffers.Visible.narrow(0, 0, n);
        var negativeRows = buffers.Visible.narrow(0, n, m);
        var dataHidden = buffers.Hidden.narrow(0, 0, n);
        var negativeHidden = buffers.Hidden.narrow(0, n, m);
        dataRows.copy_(data);
        HiddenProbability(dataRows, dataHidden);

        // The negative phase: k sweeps from the data (CD) or from the persistent chains (PCD).
        var hiddenState = buffers.HiddenState.narrow(0, 0, m);
        if (_persistentChains is null)
            Sample(dataHidden, hiddenState, generator);
        else
        {
            HiddenProbability(_persistentChains, negativeHidden);
            Sample(negativeHidden, hiddenState, generator);
        }
        for (var sweep = 0; sweep < _gibbsSteps; sweep++)
        {
            VisibleProbability(hiddenState, buffers.VisibleMean);
            Sample(buffers.VisibleMean, negativeRows, generator);
            HiddenProbability(negativeRows, negativeHidden);
            if (sweep < _gibbsSteps - 1)
                Sample(negativeHidden, hiddenState, generator);
        }
        _persistentChains?.copy_(negativeRows);

        // Metrics describe the parameters the update started from, so they are taken before it.
        var output = reportMetrics ? Metrics(dataRows, negativeRows, dataHidden) : new StepOutput();

        // Δθ ← μ Δθ + ε (g - λ W); θ ← θ + Δθ, with g = mean over data - mean over samples.
        negativeHidden.mul_(-(double)n / m);
        var scale = learningRate / n;
        _velocities.WeightVelocity.addmm_(buffers.Visible.t(), buffers.Hidden, beta: (float)momentum, alpha: (float)scale);
        _velocities.VisibleVelocity.addmv_(buffers.Visible.t(), buffers.RowWeights, beta: (float)momentum, alpha: (float)scale);
        _velocities.HiddenVelocity.addmv_(buffers.Hidden.t(), buffers.Ones, beta: (float)momentum, alpha: (float)scale);
        _velocities.DecayAndMove(learningRate, weightDecay);
        return output;
    }

    private StepOutput Metrics(Tensor dataRows, Tensor negativeRows, Tensor dataHidden)
    {
        var dataFreeEnergy = _machine.FreeEnergy(dataRows).mean();
        var gap = dataFreeEnergy - _machine.FreeEnergy(negativeRows).mean();
        var reconstruction = _machine.VisibleMean(dataHidden);
        var reconstructionError = (dataRows - reconstruction).square().sum(1).mean();
        // train/loss is mean F(data) - mean F(negative samples): the function whose gradient the update follows.
        return StepOutput.WithLoss(gap)
            .Add("train/recon_error", reconstructionError)
            .Add("train/free_energy", dataFreeEnergy);
    }

    /// <summary>destination ← σ(b + v W).</summary>
    private void HiddenProbability(Tensor visible, Tensor destination) =>
        destination.addmm_(visible, _machine.Weights, beta: 0, alpha: 1).add_(_machine.HiddenBias).sigmoid_();

    /// <summary>destination ← σ(a + h Wᵀ).</summary>
    private void VisibleProbability(Tensor hidden, Tensor destination) =>
        destination.addmm_(hidden, _machine.Weights.t(), beta: 0, alpha: 1).add_(_machine.VisibleBias).sigmoid_();

    private void Sample(Tensor probabilities, Tensor destination, Generator generator)
    {
        if (LaneBernoulli.Handles(destination) && LaneBernoulli.Handles(probabilities))
            _lanes.Sample(probabilities, destination);
        else
            destination.uniform_(0, 1, generator).lt_(probabilities);
    }

    private Buffers BuffersFor(long n, long m, Device device)
    {
        if (_buffers is { } current && current.Batch == n)
            return current;
        _buffers?.Dispose();
        _buffers = new Buffers(n, m, _machine.VisibleCount, _machine.HiddenCount, device);
        return _buffers;
    }

    public void Dispose() => _buffers?.Dispose();

    /// <summary>The update's working memory for one batch size; the last, shorter batch of an epoch gets its own.</summary>
    private sealed class Buffers : IDisposable
    {
        public Buffers(long n, long m, long visible, long hidden, Device device)
        {
            Batch = n;
            Visible = zeros([n + m, visible], device: device).DetachFromDisposeScope();
            Hidden = zeros([n + m, hidden], device: device).DetachFromDisposeScope();
            HiddenState = zeros([m, hidden], device: device).DetachFromDisposeScope();
            VisibleMean = zeros([m, visible], device: device).DetachFromDisposeScope();
            // Σ_rows weight · v gives n (mean v over data - mean v over samples) when data rows weigh 1 and sample rows -n/m.
            RowWeights = cat([ones(n, device: device), full(m, -(double)n / m, device: device)]).DetachFromDisposeScope();
            Ones = ones(n + m, device: device).DetachFromDisposeScope();
        }

        public long Batch { get; }

        public Tensor Visible { get; }

        public Tensor Hidden { get; }

        public Tensor HiddenState { get; }

        public Tensor VisibleMean { get; }

        public Tensor RowWeights { get; }

        public Tensor Ones { get; }

        public void Dispose()
        {
            Visible.Dispose();
            Hidden.Dispose();
            HiddenState.Dispose();
            VisibleMean.Dispose();
            RowWeights.Dispose();
            Ones.Dispose();
        }
    }
}
