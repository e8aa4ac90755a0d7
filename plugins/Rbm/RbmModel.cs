using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Rbm.Evaluation;
using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Sampling;
using Framework.Plugins.Rbm.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm;

/// <summary>A restricted Boltzmann machine trained by contrastive divergence: the closed-form update (positive minus
/// negative phase) as gradient ascent with momentum and weight decay, and an optional sparsity penalty. The learning
/// rate and momentum of each step come from the host's optimiser group (its schedules and warm-ups).</summary>
internal sealed class RbmModel : IModel, IExportableModel
{
    private const string StateHeader = "framework.rbm/state/1";

    private readonly RbmOptions _options;
    private readonly VisibleEncoding _encoding;
    private readonly Dataset _data;
    private readonly IOptimizer _optimizer;
    private readonly ContrastiveDivergence _negativePhase;
    private readonly MomentumSgd _update;
    private readonly SparsityPenalty _sparsity;
    private readonly GibbsSampler _sampler;
    private readonly RbmEvaluator _evaluator;
    private readonly BinaryUpdate? _binaryUpdate;

    public RbmModel(RbmOptions options, IModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _data = context.Data;
        _encoding = new VisibleEncoding(options.Visible, context.Data.ValueRange, context.Data.SampleShape);
        Machine = RbmInitializer.Create(options, _encoding, context);
        var learnedLogSigma = (Machine as GaussianBernoulliRbm) is { LearnsSigma: true } g ? g.LogSigma : null;
        _optimizer = context.Optimizers.Create(new[] { Machine.Weights, Machine.VisibleBias, Machine.HiddenBias, learnedLogSigma }.OfType<Tensor>());
        if (_optimizer.Settings.Name != "sgd")
            throw new ArgumentException($"The rbm model updates in closed form by sgd; its optimiser is configured as '{_optimizer.Settings.Name}'.");
        var chains = options.PersistentChains > 0 ? options.PersistentChains : context.BatchSize;
        _negativePhase = new ContrastiveDivergence(Machine, options.Method, options.GibbsSteps, chains, context.Generator);
        _update = new MomentumSgd(Machine, learnedLogSigma);
        _sparsity = new SparsityPenalty(options.Hidden, options.SparsityTarget, options.SparsityCost, options.SparsityDecay, context.Device);
        _sampler = new GibbsSampler(Machine, options);
        _evaluator = new RbmEvaluator(Machine, options, _encoding);
        // Binary units without a sparsity target (the common case) train through the buffered update; the general
        // path below covers Gaussian visible units and the sparsity penalty.
        if (Machine is BernoulliRbm bernoulli && !_sparsity.IsActive)
            _binaryUpdate = new BinaryUpdate(bernoulli, _update, _negativePhase, options.GibbsSteps);
    }

    /// <summary>The machine's parameters, for tests and benchmarks.</summary>
    internal RestrictedBoltzmannMachine Machine { get; }

    internal ContrastiveDivergence NegativePhase => _negativePhase;

    /// <summary>The buffered update of binary RBMs, or null where the general path trains (for tests).</summary>
    internal BinaryUpdate? BinaryUpdate => _binaryUpdate;

    internal VisibleEncoding Encoding => _encoding;

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var data = _encoding.Encode(batch.X);
        var step = _optimizer.TakeStep();
        if (_binaryUpdate is not null)
            return _binaryUpdate.Apply(data, context.Generator, step.LearningRate, step.Momentum, step.WeightDecay, context.ReportsMetrics);

        // ∂ log p / ∂θ ≈ ⟨∂(-E)/∂θ⟩_data - ⟨∂(-E)/∂θ⟩_model: the positive phase minus the negative phase.
        var phase = _negativePhase.Run(data, context.Generator);
        var gradient = Machine.Gradient(data, phase.DataHidden, phase.ModelSamples, phase.ModelHidden);
        _sparsity.Adjust(gradient, data, phase.DataHidden);
        _update.Apply(gradient, step.LearningRate, step.Momentum, step.WeightDecay);

        var reconstructionError = (data - phase.Reconstruction).square().sum(1).mean();
        // train/loss is mean F(data) - mean F(negative samples): the function whose gradient the update follows.
        return StepOutput.WithLoss(phase.FreeEnergyGap)
            .Add("train/recon_error", reconstructionError)
            .Add("train/free_energy", phase.DataFreeEnergy);
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _evaluator.Evaluate(context);
    }

    public Tensor Sample(int count, IStepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = NewDisposeScope();
        var training = _options.SampleStart == SampleStart.Data ? _encoding.Encode(_data.TrainX) : empty(0);
        var visible = _sampler.Draw(count, training, context.Generator);
        return _encoding.Decode(visible).MoveToOuterDisposeScope();
    }

    /// <summary>The machine's parameters as trained, in the checkpoint's names: <c>weights</c> [visible, hidden],
    /// <c>visible_bias</c>, <c>hidden_bias</c> and, for Gaussian visible units, <c>log_sigma</c> (not the velocities
    /// and chains, which only continue training).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> ExportedState() => [.. MachineTensors().Select(t => KeyValuePair.Create(t.Name, t.Tensor))];

    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateHeader);
        writer.Write(_options.Visible.ToString());
        writer.Write(_options.Method.ToString());
        foreach (var (name, tensor) in StateTensors())
        {
            writer.Write(name);
            TensorState.Write(writer, tensor);
        }
    }

    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadString();
        if (header != StateHeader)
            throw new InvalidDataException($"Not an RBM checkpoint: expected '{StateHeader}', found '{header}'.");
        var visible = reader.ReadString();
        var method = reader.ReadString();
        if (visible != _options.Visible.ToString() || method != _options.Method.ToString())
            throw new InvalidDataException(
                $"The checkpoint is of a {visible} RBM trained by {method}; this run configures {_options.Visible} and {_options.Method}.");
        foreach (var (name, tensor) in StateTensors())
        {
            var stored = reader.ReadString();
            if (stored != name)
                throw new InvalidDataException($"The checkpoint holds '{stored}' where this model expects '{name}'.");
            TensorState.ReadInto(reader, tensor, name);
        }
    }

    /// <summary>One tensor of the checkpointed state, by its name in the checkpoint (for tests).</summary>
    internal Tensor StateTensor(string name) => StateTensors().Single(t => t.Name == name).Tensor;

    private IEnumerable<(string Name, Tensor Tensor)> StateTensors() => MachineTensors().Concat(TrainingTensors());

    /// <summary>The parameters of the distribution p(v, h).</summary>
    private IEnumerable<(string Name, Tensor Tensor)> MachineTensors()
    {
        yield return ("weights", Machine.Weights);
        yield return ("visible_bias", Machine.VisibleBias);
        yield return ("hidden_bias", Machine.HiddenBias);
        if (Machine is GaussianBernoulliRbm gaussian)
            yield return ("log_sigma", gaussian.LogSigma);
    }

    /// <summary>What only continuing the training needs: the update's velocities, the chains, the sparsity average.</summary>
    private IEnumerable<(string Name, Tensor Tensor)> TrainingTensors()
    {
        yield return ("weights_velocity", _update.WeightVelocity);
        yield return ("visible_bias_velocity", _update.VisibleVelocity);
        yield return ("hidden_bias_velocity", _update.HiddenVelocity);
        if (_update.LogSigmaVelocity is { } logSigmaVelocity)
            yield return ("log_sigma_velocity", logSigmaVelocity);
        if (_negativePhase.PersistentChains is { } chains)
            yield return ("persistent_chains", chains);
        yield return ("sparsity_running_activation", _sparsity.RunningActivation);
    }

    public void Dispose()
    {
        _binaryUpdate?.Dispose();
        _sparsity.Dispose();
        _update.Dispose();
        _negativePhase.Dispose();
        Machine.Dispose();
    }
}
