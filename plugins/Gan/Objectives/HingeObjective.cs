using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Framework.Plugins.Gan.Objectives;

/// <summary>The hinge loss (Lim and Ye 2017; Miyato et al. 2018): the discriminator minimises
/// E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))], the generator −E[D(G(z))].</summary>
internal sealed class HingeObjective : IGanObjective
{
    public Tensor Discriminator(Tensor onReal, Tensor onFake) => relu(1 - onReal).mean() + relu(1 + onFake).mean();

    public Tensor Generator(Tensor onFake) => -onFake.mean();

    public Tensor Score(Tensor outputs) => outputs.mean();
}
