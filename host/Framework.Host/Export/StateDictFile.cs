using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Framework.Host.Export;

/// <summary>Writes named tensors as a PyTorch <c>state_dict</c> file: the zip format of <c>torch.save</c> (a pickled
/// ordered dictionary of tensors whose bytes are separate archive entries), which <c>torch.load(path,
/// weights_only=True)</c> reads. TorchSharp.PyBridge writes the format; it saves modules, so the tensors are handed to it
/// as the state of a module that holds nothing else.</summary>
internal static class StateDictFile
{
    /// <summary>Writes <paramref name="state"/> (already on the CPU, contiguous, without gradients) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, Tensor>> state)
    {
        using var holder = new StateHolder(state);
        using var stream = File.Create(path);
        holder.save_py(stream);
    }

    /// <summary>A module whose state_dict is exactly the given tensors, under names that may contain dots.</summary>
    private sealed class StateHolder(IReadOnlyList<KeyValuePair<string, Tensor>> state) : nn.Module("state_dict")
    {
        public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
        {
            destination ??= new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, tensor) in state)
                destination.Add((prefix ?? "") + name, tensor);
            return destination;
        }
    }
}
