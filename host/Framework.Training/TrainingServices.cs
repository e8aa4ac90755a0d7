using Framework.Contracts.Training;
using Framework.Training.Averaging;
using Framework.Training.Optimization;
using static TorchSharp.torch;

namespace Framework.Training;

/// <summary>The optimisers, schedules, accumulation and weight average of one run: what every model plugin gets from
/// the host (<see cref="IOptimizerFactory"/>), and the per-step calls that the training loop makes around the model.</summary>
/// <remarks>
/// The loop calls <see cref="BeginStep"/> before each training step (schedules), <see cref="EndStep"/> after it (the
/// weight average), <see cref="UseAveragedWeights"/> around evaluation and sampling, and <see cref="Save"/> and
/// <see cref="Load"/> with each checkpoint. The model creates its groups while it is built; then
/// <see cref="CompleteRegistration"/> checks that it created every group it declared.
/// </remarks>
public sealed class TrainingServices : IOptimizerFactory, IDisposable
{
    private const string StateMagic = "framework.training-services/1";

    private readonly TrainingServicesSettings _settings;
    private readonly Dictionary<string, ConfiguredGroup> _declared;
    private readonly List<GroupOptimizer> _optimizers = [];
    private readonly Func<OptimizerSettings, OptimizerAlgorithm>? _algorithms;
    private WeightAverage? _average;

    /// <summary>Creates the services of one run.</summary>
    /// <param name="settings">The declared groups and their settings.</param>
    public TrainingServices(TrainingServicesSettings settings) : this(settings, null)
    {
    }

    /// <summary>Creates the services with the update rules that <paramref name="algorithms"/> chooses (tests compare the
    /// fused kernels with the plain operations this way).</summary>
    internal TrainingServices(TrainingServicesSettings settings, Func<OptimizerSettings, OptimizerAlgorithm>? algorithms)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _algorithms = algorithms;
        _declared = settings.Groups.ToDictionary(g => g.Group.Name, StringComparer.Ordinal);
    }

    /// <summary>The optimisers the model created, in creation order.</summary>
    public IReadOnlyList<IOptimizer> Optimizers => _optimizers;

    /// <summary>Whether a weight average is configured and exists yet (evaluation then uses it).</summary>
    public bool AveragedWeightsActive => _average?.IsActive == true;

    /// <inheritdoc />
    public IOptimizer Create(string group, IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_declared.TryGetValue(group, out var configured))
            throw new ArgumentException(
                $"The model created optimiser group '{group}', which its plugin did not declare; declared: {string.Join(", ", _declared.Keys)}.", nameof(group));
        if (_optimizers.Any(o => o.Group.Name == group))
            throw new InvalidOperationException($"The model created optimiser group '{group}' twice.");
        var tensors = parameters.ToArray();
        CheckParameters(group, configured.Group, tensors);
        var algorithm = configured.Group.Update == OptimizerUpdate.Gradient && _algorithms is not null ? _algorithms(configured.Optimizer) : null;
        var optimizer = new GroupOptimizer(configured.Group, configured.Optimizer, configured.Schedule, _settings.Clock,
            _settings.AccumulateBatches, tensors, algorithm);
        _optimizers.Add(optimizer);
        return optimizer;
    }

    /// <inheritdoc />
    public IOptimizer Create(IEnumerable<Tensor> parameters) => Create(OptimizerGroup.DefaultName, parameters);

    /// <summary>Checks that the model created every declared group, and starts the weight average over the averaged ones.</summary>
    /// <exception cref="InvalidOperationException">A declared group was never created.</exception>
    public void CompleteRegistration()
    {
        var missing = _declared.Keys.Where(name => _optimizers.All(o => o.Group.Name != name)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The model's plugin declared optimiser group(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} but the model never created them " +
                "(context.Optimizers.Create in its constructor).");
        var ema = _settings.Ema;
        if (ema.Decay > 0)
        {
            var buckets = _optimizers.Where(o => o.Group.Averaged).SelectMany(o => o.Buckets).ToList();
            _average = new WeightAverage(buckets, ema.Decay, ema.StartStep, ema.Every, ema.Warmup);
        }
    }

    /// <summary>Sets every group's learning rate and momentum for the step that follows <paramref name="completedSteps"/>.</summary>
    /// <param name="completedSteps">Training steps done so far.</param>
    /// <param name="lastBatchOfEpoch">Whether this step ends an epoch (an unfinished accumulation window is applied then).</param>
    public void BeginStep(long completedSteps, bool lastBatchOfEpoch)
    {
        foreach (var optimizer in _optimizers)
            optimizer.SetStep(completedSteps, lastBatchOfEpoch);
    }

    /// <summary>Updates the weight average after the step that brought the count to <paramref name="completedSteps"/>.</summary>
    /// <param name="completedSteps">Training steps done, this one included.</param>
    public void EndStep(long completedSteps) => _average?.AfterStep(completedSteps);

    /// <summary>Swaps the averaged weights into the model until the returned scope ends (no-op without an average).</summary>
    /// <returns>The scope.</returns>
    public IDisposable UseAveragedWeights() => _average?.SwapIn() ?? NoScope.Instance;

    /// <summary>The learning rate of the current step by group name.</summary>
    public IReadOnlyDictionary<string, double> LearningRates => _optimizers.ToDictionary(o => o.Group.Name, o => o.LearningRate, StringComparer.Ordinal);

    /// <summary>The momentum (Adam: β1) of the current step by group name, for groups whose momentum changes during the run.</summary>
    public IReadOnlyDictionary<string, double> VaryingMomenta =>
        _optimizers.Where(o => o.MomentumVaries).ToDictionary(o => o.Group.Name, o => o.Momentum, StringComparer.Ordinal);

    /// <summary>Writes every group's state and the weight average.</summary>
    /// <param name="writer">The checkpoint.</param>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(_optimizers.Count);
        foreach (var optimizer in _optimizers)
            optimizer.Save(writer);
        writer.Write(_average is not null);
        _average?.Save(writer);
    }

    /// <summary>Restores what <see cref="Save"/> wrote, after the model has created its groups.</summary>
    /// <param name="reader">The checkpoint.</param>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var magic = reader.ReadString();
        if (magic != StateMagic)
            throw new InvalidDataException($"Expected the training services' state ('{StateMagic}'), found '{magic}'.");
        var count = reader.ReadInt32();
        if (count != _optimizers.Count)
            throw new InvalidDataException($"The checkpoint holds {count} optimiser groups; this model has {_optimizers.Count}.");
        foreach (var optimizer in _optimizers)
            optimizer.Load(reader);
        var averaged = reader.ReadBoolean();
        if (averaged != (_average is not null))
            throw new InvalidDataException(averaged
                ? "The checkpoint holds a weight average but this run configures none (training.ema.decay is 0)."
                : "This run configures a weight average (training.ema) but the checkpoint holds none.");
        _average?.Load(reader);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _average?.Dispose();
        foreach (var optimizer in _optimizers)
            optimizer.Dispose();
    }

    private void CheckParameters(string name, OptimizerGroup group, Tensor[] tensors)
    {
        if (tensors.Length == 0)
            throw new ArgumentException($"Optimiser group '{name}' was created without parameters.");
        for (var i = 0; i < tensors.Length; i++)
        {
            var tensor = tensors[i];
            if (!tensor.is_floating_point())
                throw new ArgumentException($"Parameter {i} of optimiser group '{name}' is {tensor.dtype}; optimisers update floating-point tensors.");
            if (group.Update == OptimizerUpdate.Gradient && !tensor.requires_grad)
                throw new ArgumentException($"Parameter {i} of optimiser group '{name}' does not require gradients; register trainable parameters (module.parameters()).");
            if (Array.FindIndex(tensors, 0, i, t => ReferenceEquals(t, tensor) || SameMemory(t, tensor)) is var twin and >= 0)
                throw new ArgumentException($"Parameters {twin} and {i} of optimiser group '{name}' are the same tensor; register each once.");
            if (_optimizers.FirstOrDefault(o => o.Buckets.Any(b => b.Holds(tensor))) is { } owner)
                throw new ArgumentException($"Parameter {i} of optimiser group '{name}' already belongs to group '{owner.Group.Name}'; a parameter belongs to one group.");
        }
    }

    private static bool SameMemory(Tensor a, Tensor b) =>
        Optimization.TensorAddress.Of(a) is { } x && x == Optimization.TensorAddress.Of(b);

    private sealed class NoScope : IDisposable
    {
        public static NoScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
