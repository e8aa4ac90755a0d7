using Framework.Contracts.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>Adam, AdamW and SGD with momentum, with PyTorch's update rules, applied in place to a flat parameter buffer.</summary>
/// <remarks>
/// <para>Why not <see cref="OptimizerSettings.Create"/>: TorchSharp 0.107's managed Adam runs eight operations per
/// parameter and allocates two parameter-sized temporaries per parameter and step (<c>sqrt(v)</c> and its quotient).
/// Those 1.25 MB blocks, allocated 64-byte aligned through glibc's memalign, fragment the heap: the process grew by
/// about 2.8 MB per step of the 784-400-20 VAE (1.4 GB after one Fashion-MNIST epoch). Over one flat buffer (see
/// <see cref="FlatParameters"/>) a step allocates no parameter-sized tensor: on the CPU Adam is PyTorch's fused single pass
/// (<see cref="LibTorchFusedAdam"/>), elsewhere seven in-place tensor operations.</para>
/// <para>Name, learning rate, betas, epsilon, momentum, weight decay and gradient clipping all come from
/// <see cref="OptimizerSettings"/>, with PyTorch's meaning: <c>adam</c> adds the L2 term to the gradient,
/// <c>adamw</c> decays the weights directly, clipping scales the global gradient norm down to
/// <see cref="OptimizerSettings.GradientClip"/>. Weight decay is added to the gradient buffer in place.</para>
/// </remarks>
internal sealed class InPlaceOptimizer : IDisposable
{
    private const string StateMagic = "framework.vae/optimizer";

    private readonly FlatParameters _parameters;
    private readonly OptimizerSettings _settings;
    private readonly Tensor _firstMoment;
    private readonly Tensor? _secondMoment;
    private readonly Tensor? _scratch;
    private readonly Tensor _firstMomentWeight;
    private readonly LibTorchFusedAdam? _fused;
    private long _steps;

    public InPlaceOptimizer(FlatParameters parameters, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        if (!OptimizerSettings.Names.Contains(settings.Name))
            throw new ArgumentException($"Unknown optimizer '{settings.Name}'; allowed: {string.Join(", ", OptimizerSettings.Names)}.", nameof(settings));
        _parameters = parameters;
        _settings = settings;
        LearningRate = settings.LearningRate;
        using var noGrad = no_grad();
        _firstMoment = zeros_like(parameters.Values).DetachFromDisposeScope();
        _firstMomentWeight = tensor(1 - settings.Beta1, dtype: float32, device: parameters.Values.device).DetachFromDisposeScope();
        if (settings.Name != "sgd")
        {
            _secondMoment = zeros_like(parameters.Values).DetachFromDisposeScope();
            if (LibTorchFusedAdam.Handles(parameters.Values, parameters.Gradients, _firstMoment, _secondMoment))
                _fused = new LibTorchFusedAdam(parameters.Values, parameters.Gradients, _firstMoment, _secondMoment, decoupledWeightDecay: settings.Name == "adamw");
            else
                _scratch = zeros_like(parameters.Values).DetachFromDisposeScope();
        }
    }

    /// <summary>The rate of the next step; schedules set it before each step.</summary>
    public double LearningRate { get; set; }

    /// <summary>The number of steps taken, for Adam's bias corrections.</summary>
    public long Steps => _steps;

    /// <summary>Adam's two moment buffers, laid out as the flat parameters, for a step that applies the update itself
    /// (<see cref="RowSplitMlpStep"/>).</summary>
    internal (Tensor First, Tensor Second) Moments =>
        (_firstMoment, _secondMoment ?? throw new InvalidOperationException($"{_settings.Name} keeps no second moment."));

    /// <summary>Whether an optimiser with these settings can hand its update to a step that applies it (see
    /// <see cref="TakeAdamStep"/>): Adam or AdamW, without gradient clipping, which needs the whole gradient first.</summary>
    internal static bool HandsOutAdamUpdates(OptimizerSettings settings) =>
        settings.Name is "adam" or "adamw" && settings.GradientClip <= 0;

    /// <summary>Counts a step whose Adam update the caller applies, and returns that update's scalars; the settings must
    /// be ones <see cref="HandsOutAdamUpdates"/> accepts.</summary>
    internal AdamUpdate TakeAdamStep()
    {
        if (!HandsOutAdamUpdates(_settings))
            throw new InvalidOperationException($"Only adam and adamw without gradient clipping hand their update out; this is {_settings.Name}.");
        _steps++;
        return AdamUpdate.For(_settings.Name == "adamw", _steps, LearningRate, _settings.Beta1, _settings.Beta2, _settings.WeightDecay, _settings.Epsilon);
    }

    /// <summary>Zeroes the gradients before the next backward pass.</summary>
    public void ZeroGrad() => _parameters.ZeroGradients();

    /// <summary>Clips the global gradient norm as configured, then updates the parameters.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var gradient = _parameters.Gradients;
        if (_settings.GradientClip > 0)
        {
            // As torch.nn.utils.clip_grad_norm_: scale by min(1, max_norm / (norm + 1e-6)), computed on the device.
            var scale = gradient.norm().add_(1e-6).reciprocal_().mul_(_settings.GradientClip).clamp_max_(1.0);
            gradient.mul_(scale);
        }

        _steps++;
        if (_settings.Name == "sgd")
            SgdStep(gradient);
        else
            AdamStep(gradient);
    }

    private void AdamStep(Tensor gradient)
    {
        var (beta1, beta2) = (_settings.Beta1, _settings.Beta2);
        var values = _parameters.Values;
        var decay = _settings.WeightDecay;
        if (_fused is not null)
        {
            _fused.Step(_steps, LearningRate, beta1, beta2, decay, _settings.Epsilon);
            return;
        }

        // The bias corrections 1 - b1^t and sqrt(1 - b2^t).
        var correction1 = 1 - Math.Pow(beta1, _steps);
        var correction2 = Math.Sqrt(1 - Math.Pow(beta2, _steps));

        if (decay != 0 && _settings.Name == "adamw")
            values.mul_(1 - LearningRate * decay);
        else if (decay != 0)
            gradient.add_(values, alpha: decay);

        // m = b1 m + (1 - b1) g as one interpolation pass, as PyTorch's Adam does it.
        _firstMoment.lerp_(gradient, _firstMomentWeight);
        _secondMoment!.mul_(beta2).addcmul_(gradient, gradient, 1 - beta2);
        // p -= lr/(1-b1^t) m / (sqrt(v)/sqrt(1-b2^t) + eps), with sqrt(1-b2^t) moved out of the denominator so that
        // one scratch buffer and in-place operations suffice.
        var denominator = _scratch!.copy_(_secondMoment).sqrt_().add_(_settings.Epsilon * correction2);
        values.addcdiv_(_firstMoment, denominator, -LearningRate * correction2 / correction1);
    }

    private void SgdStep(Tensor gradient)
    {
        var values = _parameters.Values;
        if (_settings.WeightDecay != 0)
            gradient.add_(values, alpha: _settings.WeightDecay);
        if (_settings.Momentum == 0)
        {
            values.add_(gradient, alpha: -LearningRate);
            return;
        }

        // PyTorch starts the momentum buffer at the first gradient, then b = m b + g.
        if (_steps == 1)
            _firstMoment.copy_(gradient);
        else
            _firstMoment.mul_(_settings.Momentum).add_(gradient);
        values.add_(_firstMoment, alpha: -LearningRate);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(StateMagic);
        writer.Write(_settings.Name);
        writer.Write(_steps);
        writer.Write(_parameters.Count);
        _firstMoment.Save(writer);
        _secondMoment?.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        var magic = reader.ReadString();
        var name = reader.ReadString();
        if (magic != StateMagic || name != _settings.Name)
            throw new InvalidDataException($"The checkpoint holds optimiser state '{magic}' of '{name}', not of '{_settings.Name}'; resume with the optimizer it was written with.");
        _steps = reader.ReadInt64();
        var count = reader.ReadInt64();
        if (count != _parameters.Count)
            throw new InvalidDataException($"The checkpoint's optimiser state is for {count} parameter values; this model has {_parameters.Count}.");
        using var noGrad = no_grad();
        _firstMoment.Load(reader);
        _secondMoment?.Load(reader);
    }

    public void Dispose()
    {
        _firstMoment.Dispose();
        _firstMomentWeight.Dispose();
        _secondMoment?.Dispose();
        _scratch?.Dispose();
        _fused?.Dispose();
    }
}
