using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>An optimiser group's parameters, gradients and optimiser state as flat buffers, for a model whose own kernel
/// computes gradients or applies updates over them.</summary>
/// <remarks>
/// The host keeps a group's parameters in one contiguous buffer when they share a dtype and a device: each parameter
/// the model registered is then a view of <see cref="Values"/> at the offset where its values lie, its gradient the view
/// of <see cref="Gradients"/> at the same offset, and every state buffer is laid out the same way. State buffers carry
/// PyTorch's names: <c>exp_avg</c> and <c>exp_avg_sq</c> (Adam, AdamW), <c>momentum_buffer</c> (SGD with momentum,
/// RMSprop with momentum), <c>square_avg</c> and <c>grad_avg</c> (RMSprop, centred).
/// </remarks>
/// <param name="Values">Every parameter of the group, concatenated in the order they were registered.</param>
/// <param name="Gradients">Their gradients, in the same layout.</param>
/// <param name="State">The optimiser's state buffers by name, in the same layout.</param>
public sealed record OptimizerBuffers(Tensor Values, Tensor Gradients, IReadOnlyDictionary<string, Tensor> State);
