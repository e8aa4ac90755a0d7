using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Objectives;

/// <summary>The Wasserstein loss (Arjovsky et al. 2017): the critic minimises E[D(G(z))] − E[D(x)], an estimate of
/// −W(p_data, p_G) while D is 1-Lipschitz, and the generator −E[D(G(z))]. WGAN-GP keeps D near 1-Lipschitz with
/// <see cref="GradientPenalty"/>, which the model adds to the critic's loss.</summary>
internal sealed class WassersteinObjective : IGanObjective
{
    public Tensor Discriminator(Tensor onReal, Tensor onFake) => onFake.mean() - onReal.mean();

    public Tensor Generator(Tensor onFake) => -onFake.mean();

    public Tensor Score(Tensor outputs) => outputs.mean();
}
