using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Vae.Objective;

/// <summary>Independent Bernoulli values with the decoder's output as logits.</summary>
/// <remarks>
/// Working on logits keeps the cross-entropy exact where a sigmoid would round to 0 or 1: log p(x|l) =
/// x l - softplus(l), which <c>binary_cross_entropy_with_logits</c> evaluates stably (and fused, for speed). Grey
/// levels in [0, 1] are allowed as targets, as in the usual MNIST practice; the figure is then a cross-entropy in
/// nats rather than a log-probability of binary data.
/// </remarks>
internal sealed class BernoulliObservation : ObservationModel
{
    public BernoulliObservation()
        : base("bernoulli")
    {
    }

    public override Tensor NegativeLogLikelihoodSum(Tensor output, Tensor x) =>
        binary_cross_entropy_with_logits(output, x, reduction: nn.Reduction.Sum);

    public override Tensor LogLikelihood(Tensor output, Tensor x) =>
        binary_cross_entropy_with_logits(output, x.expand_as(output), reduction: nn.Reduction.None).sum(-1).neg_();

    public override Tensor Mean(Tensor output) => output.sigmoid();

    public override Tensor Draw(Tensor output, Generator generator) => output.sigmoid().bernoulli(generator);
}
