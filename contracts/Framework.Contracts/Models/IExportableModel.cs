using static TorchSharp.torch;

namespace Framework.Contracts.Models;

/// <summary>A model whose weights can leave the framework: <c>fw export --format pytorch</c> and
/// <c>tracking.export: pytorch</c> write these tensors as a PyTorch <c>state_dict</c> (a <c>.pt</c> file that
/// <c>torch.load</c> reads). Optional beside <see cref="IModel"/>: a model without it cannot be exported.</summary>
/// <remarks>
/// The names are the keys of the exported <c>state_dict</c> and a promise to users' Python code: keep them stable
/// across versions and document them with the plugin, with the conventions (shapes, layouts) a PyTorch module needs to
/// load them. A TorchSharp module's <c>state_dict()</c> gives the natural names. With <c>training.ema</c> the host swaps
/// the averaged weights in before it asks, as it does for sampling. Return the model's own tensors (no copies): the host
/// copies them to the CPU and disposes nothing.
/// </remarks>
public interface IExportableModel
{
    /// <summary>The model's parameters and buffers under their export names, in a stable order.</summary>
    /// <returns>Name and tensor pairs; names are unique.</returns>
    IReadOnlyList<KeyValuePair<string, Tensor>> ExportedState();
}
