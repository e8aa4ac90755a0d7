using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>The host's optimiser for one declared group: its parameters in flat buckets, the algorithm's state, the
/// learning-rate and momentum schedules, gradient accumulation and clipping.</summary>
internal sealed class GroupOptimizer : IOptimizer, IDisposable
{
    private const string StateMagic = "framework.optimizer/1";

    private readonly Tensor[] _parameters;
    private readonly IReadOnlyList<ParameterBucket> _buckets;
    private readonly OptimizerAlgorithm? _algorithm;
    private readonly BucketState[] _states;
    private readonly LearningRateSchedule _learningRate;
    private readonly MomentumSchedule _momentum;
    private readonly int _accumulate;
    private bool _lastBatchOfEpoch;
    private int _pending;  // Step() calls since the last update (accumulation)

    public GroupOptimizer(OptimizerGroup group, OptimizerSettings settings, ScheduleOptions schedule, TrainingClock clock,
        int accumulateBatches, Tensor[] parameters, OptimizerAlgorithm? algorithm = null)
    {
        Group = group;
        Settings = settings;
        _parameters = parameters;
        _accumulate = group.Update == OptimizerUpdate.ClosedForm ? 1 : accumulateBatches;
        _learningRate = new LearningRateSchedule(schedule, clock);
        _momentum = new MomentumSchedule(schedule.MomentumWarmup, BaseMomentum(settings), clock);
        var gradients = group.Update == OptimizerUpdate.Gradient;
        _buckets = ParameterBucket.Adopt(parameters, gradients);
        _algorithm = gradients ? algorithm ?? OptimizerAlgorithm.For(settings) : null;
        _states = _algorithm is null ? [] : _buckets.Select(_algorithm.CreateState).ToArray();
        SetStep(0, lastBatchOfEpoch: false);
    }

    public OptimizerGroup Group { get; }

    public OptimizerSettings Settings { get; }

    public double LearningRate { get; private set; }

    public double Momentum { get; private set; }

    public long Steps { get; private set; }

    public IReadOnlyList<Tensor> Parameters => _parameters;

    public int AccumulationBatches => _accumulate;

    /// <summary>Whether the learning rate changes during the run (then it is worth logging by group).</summary>
    public bool LearningRateVaries => _learningRate.Varies;

    /// <summary>Whether the momentum changes during the run.</summary>
    public bool MomentumVaries => _momentum.Varies;

    internal IReadOnlyList<ParameterBucket> Buckets => _buckets;

    public bool ModelMayApplyUpdates => Group.Update == OptimizerUpdate.ClosedForm || (Settings.GradientClip <= 0 && _accumulate == 1);

    public OptimizerBuffers? Flat => _buckets.Count == 1 && _buckets[0].Gradients is { } gradients
        ? new OptimizerBuffers(_buckets[0].Values, gradients, _states[0].Buffers)
        : null;

    /// <summary>Sets the schedules' values for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    public void SetStep(long completedSteps, bool lastBatchOfEpoch)
    {
        LearningRate = Settings.LearningRate * _learningRate.FactorAt(completedSteps);
        Momentum = _momentum.At(completedSteps);
        _lastBatchOfEpoch = lastBatchOfEpoch;
    }

    public void ZeroGrad()
    {
        RequireGradients(nameof(ZeroGrad));
        if (_pending > 0)
            return;
        foreach (var bucket in _buckets)
        {
            bucket.ZeroGradients();
            bucket.RepairGradientViews();
        }
    }

    public void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        RequireGradients(nameof(Backward));
        foreach (var bucket in _buckets)
            bucket.RepairGradientViews();
        using var scope = NewDisposeScope();
        var scaled = _accumulate == 1 ? loss : loss / _accumulate;
        scaled.backward(inputs: _parameters);
    }

    public bool Step()
    {
        RequireGradients(nameof(Step));
        foreach (var bucket in _buckets)
            bucket.RepairGradientViews();
        _pending++;
        if (_pending < _accumulate && !_lastBatchOfEpoch)
            return false;
        _pending = 0;
        using var scope = NewDisposeScope();
        if (Settings.GradientClip > 0)
            ClipGradients();
        var step = Count();
        for (var i = 0; i < _buckets.Count; i++)
            _algorithm!.Update(_buckets[i], _states[i], step);
        return true;
    }

    public OptimizerStep TakeStep()
    {
        if (!ModelMayApplyUpdates)
            throw new InvalidOperationException(
                $"Optimiser group '{Group.Name}' clips gradients or accumulates them over several batches, so the host must apply its updates: call Step(), not TakeStep().");
        return Count();
    }

    private OptimizerStep Count()
    {
        Steps++;
        return new OptimizerStep(Steps, LearningRate, Momentum, Settings.WeightDecay, Settings);
    }

    /// <summary>As <c>torch.nn.utils.clip_grad_norm_</c> over the whole group: scale by min(1, c / (‖g‖ + 1e-6)),
    /// computed on the device so that nothing is read back.</summary>
    private void ClipGradients()
    {
        using var noGrad = no_grad();
        var squares = _buckets.Select(b => b.Gradients!.square().sum().to(float64)).ToList();
        var norm = squares.Count == 1 ? squares[0].sqrt() : stack(squares.Select(s => s.to(squares[0].device))).sum().sqrt();
        var scale = norm.add_(1e-6).reciprocal_().mul_(Settings.GradientClip).clamp_max_(1.0);
        foreach (var bucket in _buckets)
            bucket.Gradients!.mul_(scale.to(bucket.Gradients.dtype).to(bucket.Gradients.device));
    }

    private void RequireGradients(string call)
    {
        if (_algorithm is null)
            throw new InvalidOperationException(
                $"Optimiser group '{Group.Name}' is updated in closed form by the model: take each step's values with TakeStep(), not {call}().");
    }

    /// <summary>Writes the optimiser's state: counters, the algorithm's buffers, and gradients summed in an unfinished
    /// accumulation window.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(StateMagic);
        writer.Write(Group.Name);
        writer.Write(Settings.Name);
        writer.Write(Steps);
        writer.Write(_pending);
        writer.Write(_buckets.Count);
        for (var i = 0; i < _buckets.Count; i++)
        {
            writer.Write(_buckets[i].Count);
            if (_algorithm is null)
                continue;
            writer.Write(_states[i].MomentumStarted);
            foreach (var buffer in _states[i].Buffers.Values)
                buffer.Save(writer);
            if (_pending > 0)
                _buckets[i].Gradients!.Save(writer);
        }
    }

    public void Load(BinaryReader reader)
    {
        var magic = reader.ReadString();
        var group = reader.ReadString();
        var algorithm = reader.ReadString();
        if (magic != StateMagic || group != Group.Name)
            throw new InvalidDataException($"The checkpoint holds '{magic}' of optimiser group '{group}' where group '{Group.Name}' was expected.");
        if (algorithm != Settings.Name)
            throw new InvalidDataException($"The checkpoint's optimiser group '{group}' used {algorithm}; this run configures {Settings.Name}.");
        Steps = reader.ReadInt64();
        _pending = reader.ReadInt32();
        var buckets = reader.ReadInt32();
        if (buckets != _buckets.Count)
            throw new InvalidDataException($"The checkpoint's optimiser group '{group}' has {buckets} parameter buffers; this model has {_buckets.Count}.");
        using var noGrad = no_grad();
        for (var i = 0; i < _buckets.Count; i++)
        {
            var count = reader.ReadInt64();
            if (count != _buckets[i].Count)
                throw new InvalidDataException($"The checkpoint's optimiser group '{group}' holds state for {count} parameter values; this model has {_buckets[i].Count}.");
            if (_algorithm is null)
                continue;
            _states[i].MomentumStarted = reader.ReadBoolean();
            foreach (var buffer in _states[i].Buffers.Values)
                buffer.Load(reader);
            if (_pending > 0)
                _buckets[i].Gradients!.Load(reader);
        }
    }

    /// <summary>The momentum that a momentum warm-up ends at: SGD's and RMSprop's momentum, Adam's β1.</summary>
    private static double BaseMomentum(OptimizerSettings settings) =>
        settings.Name is "adam" or "adamw" ? settings.Beta1 : settings.Momentum;

    public void Dispose()
    {
        foreach (var state in _states)
            state.Dispose();
        foreach (var bucket in _buckets)
            bucket.Dispose();
    }
}
