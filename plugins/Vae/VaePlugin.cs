using Framework.Contracts.Models;

namespace Framework.Plugins.Vae;

/// <summary>The <c>vae</c> model family: a Gaussian encoder, a Bernoulli or Gaussian decoder, trained on the ELBO.</summary>
internal sealed class VaePlugin : ModelPlugin<VaeOptions>
{
    /// <inheritdoc />
    public override string Name => "vae";

    /// <inheritdoc />
    public override string Description =>
        "Variational autoencoder (Kingma and Welling 2014): MLP or convolutional encoder and decoder, trained on the ELBO; " +
        "reports -ELBO, KL per latent dimension, active units and the importance-weighted log-likelihood in nats.";

    /// <inheritdoc />
    protected override IModel Create(VaeOptions options, IModelContext context) => new VaeModel(options, context);
}
