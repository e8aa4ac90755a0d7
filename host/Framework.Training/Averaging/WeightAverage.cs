using Framework.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Averaging;

/// <summary>An exponential moving average of a model's weights, θ̄ ← d θ̄ + (1 − d) θ, kept beside the weights and
/// swapped into them while the model is evaluated or sampled (Polyak and Juditsky 1992; DDPM samples from it).</summary>
/// <remarks>It averages the flat buffers of the groups that the model declared averaged: one pass per buffer. Buffers that
/// are not registered parameters (a batch norm's running statistics) are not averaged.</remarks>
internal sealed class WeightAverage : IDisposable
{
    private const string StateMagic = "framework.ema/1";

    private readonly IReadOnlyList<ParameterBucket> _buckets;
    private readonly Tensor[] _averages;
    private readonly Tensor[] _saved;
    private readonly double _decay;
    private readonly long _startStep;
    private readonly int _every;
    private readonly bool _warmup;
    private bool _swappedIn;

    public WeightAverage(IReadOnlyList<ParameterBucket> buckets, double decay, long startStep, int every, bool warmup = false)
    {
        _buckets = buckets;
        _decay = decay;
        _startStep = startStep;
        _every = every;
        _warmup = warmup;
        using var noGrad = no_grad();
        _averages = buckets.Select(b => zeros_like(b.Values).DetachFromDisposeScope()).ToArray();
        _saved = buckets.Select(b => zeros_like(b.Values).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>How many times the average has been updated; 0 before <c>start_step</c>.</summary>
    public long Updates { get; private set; }

    /// <summary>Whether the average exists yet (evaluation uses the weights until it does).</summary>
    public bool IsActive => Updates > 0;

    /// <summary>Updates the average after the training step that brought the step count to <paramref name="completedSteps"/>.</summary>
    public void AfterStep(long completedSteps)
    {
        if (completedSteps < _startStep || (completedSteps - _startStep) % _every != 0)
            return;
        using var noGrad = no_grad();
        var decay = DecayOf(Updates);
        for (var i = 0; i < _buckets.Count; i++)
        {
            if (Updates == 0)
                _averages[i].copy_(_buckets[i].Values);
            else
                _averages[i].mul_(decay).add_(_buckets[i].Values, alpha: 1 - decay);
        }

        Updates++;
    }

    /// <summary>The decay of update <paramref name="n"/> (0 is the copy that starts the average): with warm-up,
    /// min(d, (1 + n) / (10 + n)), so the average forgets its start after about 10 n updates rather than 1 / (1 - d).</summary>
    public double DecayOf(long n) => _warmup ? Math.Min(_decay, (1.0 + n) / (10.0 + n)) : _decay;

    /// <summary>Puts the averaged weights into the parameters until the returned scope ends, or does nothing before the
    /// average exists.</summary>
    public IDisposable SwapIn()
    {
        if (!IsActive || _swappedIn)
            return NoSwap.Instance;
        using var noGrad = no_grad();
        for (var i = 0; i < _buckets.Count; i++)
        {
            _saved[i].copy_(_buckets[i].Values);
            _buckets[i].Values.copy_(_averages[i]);
        }

        _swappedIn = true;
        return new Swap(this);
    }

    private void SwapOut()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < _buckets.Count; i++)
            _buckets[i].Values.copy_(_saved[i]);
        _swappedIn = false;
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(StateMagic);
        writer.Write(Updates);
        writer.Write(_averages.Length);
        foreach (var average in _averages)
            average.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        var magic = reader.ReadString();
        if (magic != StateMagic)
            throw new InvalidDataException($"Expected the weight average's state ('{StateMagic}'), found '{magic}'.");
        Updates = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count != _averages.Length)
            throw new InvalidDataException($"The checkpoint averages {count} parameter buffers; this model has {_averages.Length}.");
        using var noGrad = no_grad();
        foreach (var average in _averages)
            average.Load(reader);
    }

    public void Dispose()
    {
        foreach (var tensor in _averages.Concat(_saved))
            tensor.Dispose();
    }

    private sealed class Swap(WeightAverage average) : IDisposable
    {
        public void Dispose() => average.SwapOut();
    }

    private sealed class NoSwap : IDisposable
    {
        public static NoSwap Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
