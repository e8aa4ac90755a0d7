using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Training;
using Framework.Training.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Testing;

/// <summary>The host's side of one training run, for testing a model plugin without the host: the model, step and
/// evaluation contexts in one object, with the host's own optimisers, schedules and checkpoints of them, and a loop
/// that trains as the host's does (shuffled batches, one dispose scope per step, the services stepped around it).</summary>
/// <example>
/// <code>
/// using var data = TestData.Binary();
/// using var run = new TestRun(data, new MyPlugin().OptimizerGroups(options));
/// using var model = run.CreateModel(new MyPlugin(), options);
/// var metrics = run.Train(model, steps: 20);
/// Assert.True(double.IsFinite(metrics["train/loss"]));
/// </code>
/// </example>
public sealed class TestRun : IModelContext, IEvaluationContext, IDisposable
{
    private readonly TestRunSettings _settings;
    private Tensor? _order;
    private long _position;

    /// <summary>Creates a run over <paramref name="data"/> for a model that declares <paramref name="groups"/>.</summary>
    /// <param name="data">The dataset; the run does not own it.</param>
    /// <param name="groups">The optimiser groups the model's plugin declares (<see cref="IModelPlugin.OptimizerGroups"/>).</param>
    /// <param name="settings">How to train; defaults when null.</param>
    public TestRun(Dataset data, IReadOnlyList<OptimizerGroup> groups, TestRunSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        _settings = settings ?? new TestRunSettings();
        Data = data;
        StepsPerEpoch = (data.TrainX.shape[0] + _settings.BatchSize - 1) / _settings.BatchSize;
        Generator = new Generator((ulong)_settings.Seed);
        var configured = groups.Select(g => new ConfiguredGroup(g, OptimizerFor(g), _settings.Schedule)).ToList();
        Services = new TrainingServices(new TrainingServicesSettings(configured, new TrainingClock(StepsPerEpoch, _settings.Epochs),
            _settings.AccumulateBatches, _settings.Ema));
    }

    /// <summary>The host's training services of this run: the optimisers the model creates.</summary>
    public TrainingServices Services { get; }

    /// <inheritdoc />
    public Device Device => CPU;

    /// <inheritdoc />
    public Generator Generator { get; }

    /// <inheritdoc />
    public Dataset Data { get; }

    /// <inheritdoc />
    public IOptimizerFactory Optimizers => Services;

    /// <inheritdoc />
    public int BatchSize => _settings.BatchSize;

    /// <inheritdoc />
    public long StepsPerEpoch { get; }

    /// <inheritdoc />
    public int Epochs => _settings.Epochs;

    /// <inheritdoc />
    public long TotalSteps => StepsPerEpoch * Epochs;

    /// <inheritdoc />
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <inheritdoc />
    public long GlobalStep { get; private set; }

    /// <inheritdoc />
    public int Epoch { get; private set; }

    /// <inheritdoc />
    public bool ReportsMetrics { get; private set; } = true;

    /// <inheritdoc />
    public IArtifactSink Artifacts { get; init; } = new MemoryArtifactSink();

    /// <inheritdoc />
    public int EvaluationBatchSize => _settings.EvaluationBatchSize;

    /// <inheritdoc />
    public bool IsFinal { get; private set; }

    /// <summary>The tags the model set, as the host would record them on the run.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void SetTag(string key, string value) => Tags[key] = value;

    /// <summary>Builds the model as the host does: the global seed set, then checks that it created every group it declared.</summary>
    /// <param name="plugin">The model's plugin.</param>
    /// <param name="options">Its options (an instance of its options class).</param>
    /// <returns>The model, owned by the caller.</returns>
    public IModel CreateModel(IModelPlugin plugin, object options)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        manual_seed(_settings.Seed);
        var model = plugin.Create(options, this);
        try
        {
            Services.CompleteRegistration();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Takes <paramref name="steps"/> training steps, each in its own dispose scope, and returns the last step's
    /// metrics (read back only when <paramref name="reportMetrics"/> is true, else empty).</summary>
    /// <param name="model">The model.</param>
    /// <param name="steps">How many steps.</param>
    /// <param name="reportMetrics">What <see cref="IStepContext.ReportsMetrics"/> says during these steps.</param>
    /// <returns>The last step's scalars by name.</returns>
    public IReadOnlyDictionary<string, double> Train(IModel model, int steps, bool reportMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var order = EpochOrder();
            var size = Math.Min(BatchSize, Data.TrainX.shape[0] - _position);
            var indices = order.narrow(0, _position, size);
            var batch = new Batch(Data.TrainX.index_select(0, indices), Data.TrainY?.index_select(0, indices));
            var last = _position + size >= Data.TrainX.shape[0];
            Services.BeginStep(GlobalStep, last);
            ReportsMetrics = reportMetrics;
            var output = model.TrainStep(batch, this);
            ReportsMetrics = true;
            GlobalStep++;
            Services.EndStep(GlobalStep);
            metrics.Clear();
            if (reportMetrics)
                foreach (var (name, value) in output.Scalars)
                    metrics[name] = value.to_type(ScalarType.Float64).item<double>();
            _position += size;
            if (last)
                NextEpoch();
        }

        return metrics;
    }

    /// <summary>Evaluates as the host does: under <c>no_grad</c>, in a dispose scope, with the averaged weights when there are some.</summary>
    /// <param name="model">The model.</param>
    /// <param name="isFinal">Whether this is the final evaluation.</param>
    /// <returns>The metrics.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IModel model, bool isFinal = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        IsFinal = isFinal;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var averaged = Services.UseAveragedWeights();
        return model.Evaluate(this);
    }

    /// <summary>Draws samples as the host does (no_grad, averaged weights); the tensor is the caller's to dispose.</summary>
    /// <param name="model">The model.</param>
    /// <param name="count">How many samples.</param>
    /// <returns>The samples, outside every dispose scope.</returns>
    public Tensor Sample(IModel model, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var averaged = Services.UseAveragedWeights();
        return model.Sample(count, this).clone().DetachFromDisposeScope();
    }

    /// <summary>What a host checkpoint holds of the run: the counters, the generator, the training services, then the model's state.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The checkpoint's bytes.</returns>
    public byte[] Checkpoint(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(GlobalStep);
            writer.Write(Epoch);
            writer.Write(_position);
            using (var state = Generator.get_state())
            {
                var bytes = state.bytes.ToArray();
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }

            Services.Save(writer);
            model.SaveState(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Restores what <see cref="Checkpoint"/> wrote into this run and <paramref name="model"/>.</summary>
    /// <param name="model">A model built by this run's <see cref="CreateModel"/>.</param>
    /// <param name="checkpoint">The bytes.</param>
    public void Restore(IModel model, byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var reader = new BinaryReader(new MemoryStream(checkpoint));
        GlobalStep = reader.ReadInt64();
        Epoch = reader.ReadInt32();
        _position = reader.ReadInt64();
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using (var state = zeros(bytes.Length, dtype: ScalarType.Byte))
        {
            state.bytes = bytes;
            Generator.set_state(state);
        }

        Services.Load(reader);
        model.LoadState(reader);
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException($"The model's LoadState read {reader.BaseStream.Position} of {reader.BaseStream.Length} bytes; it must read exactly what SaveState wrote.");
        _order?.Dispose();
        _order = null;
    }

    /// <summary>Disposes the services and the generator (not the data, nor models).</summary>
    public void Dispose()
    {
        _order?.Dispose();
        Services.Dispose();
        Generator.Dispose();
    }

    /// <summary>The shuffled order of the current epoch, a function of the seed and the epoch (as the host's).</summary>
    private Tensor EpochOrder()
    {
        if (_order is not null)
            return _order;
        using var shuffle = new Generator((ulong)(_settings.Seed * 1_000_003 + Epoch));
        _order = randperm(Data.TrainX.shape[0], generator: shuffle).DetachFromDisposeScope();
        return _order;
    }

    private void NextEpoch()
    {
        Epoch++;
        _position = 0;
        _order?.Dispose();
        _order = null;
    }

    /// <summary>The run's optimiser for a group; a closed-form group that accepts one algorithm gets it (as the host does
    /// when a file names none).</summary>
    private OptimizerSettings OptimizerFor(OptimizerGroup group) =>
        group.Algorithms is [var only] && !group.Algorithms.Contains(_settings.Optimizer.Name)
            ? _settings.Optimizer with { Name = only }
            : _settings.Optimizer;
}
