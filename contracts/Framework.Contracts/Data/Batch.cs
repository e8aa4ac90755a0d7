using static TorchSharp.torch;

namespace Framework.Contracts.Data;

/// <summary>One training batch, already on the run's device.</summary>
/// <param name="X">Examples, <c>[batch, ..sample shape]</c>.</param>
/// <param name="Y">Labels, or null when the dataset has none.</param>
public sealed record Batch(Tensor X, Tensor? Y)
{
    /// <summary>The number of examples in the batch.</summary>
    public long Size => X.shape[0];
}
