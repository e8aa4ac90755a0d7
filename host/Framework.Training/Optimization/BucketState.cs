using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>An algorithm's state for one bucket: named buffers laid out as the bucket's values (PyTorch's names), and
/// flags.</summary>
internal sealed class BucketState : IDisposable
{
    private readonly Dictionary<string, Tensor> _buffers = new(StringComparer.Ordinal);

    /// <summary>The state buffers by name, in the order they were added.</summary>
    public IReadOnlyDictionary<string, Tensor> Buffers => _buffers;

    /// <summary>Whether SGD's momentum buffer holds a first gradient yet (PyTorch starts it at the first gradient).</summary>
    public bool MomentumStarted { get; set; }

    /// <summary>Adds a zeroed buffer shaped as <paramref name="like"/>.</summary>
    public Tensor Add(string name, Tensor like)
    {
        var buffer = zeros_like(like).DetachFromDisposeScope();
        _buffers.Add(name, buffer);
        return buffer;
    }

    public Tensor this[string name] => _buffers[name];

    public void Dispose()
    {
        foreach (var buffer in _buffers.Values)
            buffer.Dispose();
    }
}
