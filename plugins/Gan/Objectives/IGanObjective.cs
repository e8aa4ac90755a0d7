using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Objectives;

/// <summary>One adversarial loss, as functions of the discriminator's outputs (logits or critic values) on a batch.</summary>
internal interface IGanObjective
{
    /// <summary>The discriminator's loss, minimised by its optimiser.</summary>
    /// <param name="onReal">D(x) on real examples, <c>[n]</c>.</param>
    /// <param name="onFake">D(G(z)) on generated examples, <c>[m]</c>.</param>
    Tensor Discriminator(Tensor onReal, Tensor onFake);

    /// <summary>The generator's loss, minimised by its optimiser.</summary>
    /// <param name="onFake">D(G(z)), <c>[m]</c>.</param>
    Tensor Generator(Tensor onFake);

    /// <summary>What <c>d_real</c> and <c>d_fake</c> report of the outputs: the mean probability of "real" for a
    /// discriminator of logits, the mean critic value otherwise.</summary>
    Tensor Score(Tensor outputs);

    /// <summary>The objective of <paramref name="loss"/>.</summary>
    static IGanObjective For(GanLoss loss) => loss switch
    {
        GanLoss.Bce => new NonSaturatingObjective(),
        GanLoss.Hinge => new HingeObjective(),
        GanLoss.WganGp => new WassersteinObjective(),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown GAN loss."),
    };
}
