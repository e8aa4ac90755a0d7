using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Gan.Objectives;

/// <summary>The non-saturating GAN loss (Goodfellow et al. 2014, section 3; pytorch/examples dcgan) with binary
/// cross-entropy on logits: the discriminator minimises −log σ(D(x)) − log(1 − σ(D(G(z)))), the generator
/// −log σ(D(G(z))) rather than log(1 − σ(D(G(z)))), whose gradient vanishes while the discriminator wins.</summary>
internal sealed class NonSaturatingObjective : IGanObjective
{
    public Tensor Discriminator(Tensor onReal, Tensor onFake) =>
        binary_cross_entropy_with_logits(onReal, ones_like(onReal)) + binary_cross_entropy_with_logits(onFake, zeros_like(onFake));

    public Tensor Generator(Tensor onFake) => binary_cross_entropy_with_logits(onFake, ones_like(onFake));

    public Tensor Score(Tensor outputs) => outputs.sigmoid().mean();
}
