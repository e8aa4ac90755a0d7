using Framework.Contracts.Models;

namespace Framework.Plugins.Rbm;

/// <summary>The <c>rbm</c> model family.</summary>
public sealed class RbmPlugin : ModelPlugin<RbmOptions>
{
    /// <inheritdoc />
    public override string Name => "rbm";

    /// <inheritdoc />
    public override string Description =>
        "Restricted Boltzmann machine (Bernoulli or Gaussian visible units) trained by CD-k or PCD, with exact or AIS log-likelihood in nats.";

    /// <inheritdoc />
    protected override IModel Create(RbmOptions options, IModelContext context) => new RbmModel(options, context);
}
