using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Machines;

/// <summary>The log-likelihood gradient estimate of one update, in the ascent direction: positive phase (data)
/// minus negative phase (model samples), averaged over examples.</summary>
/// <param name="Weights">d log p / dW, <c>[visible, hidden]</c>.</param>
/// <param name="VisibleBias">d log p / da, <c>[visible]</c>.</param>
/// <param name="HiddenBias">d log p / db, <c>[hidden]</c>.</param>
/// <param name="LogSigma">d log p / d log(sigma) of Gaussian visible units, or null when sigma is not learned.</param>
internal sealed record RbmGradient(Tensor Weights, Tensor VisibleBias, Tensor HiddenBias, Tensor? LogSigma);
