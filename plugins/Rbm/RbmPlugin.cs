using Framework.Contracts.Models;
using Framework.Contracts.Training;

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

    /// <summary>Contrastive divergence has no loss to differentiate: the model applies its update in closed form, as
    /// gradient ascent with momentum and weight decay, with the host's scheduled learning rate and momentum.</summary>
    protected override IReadOnlyList<OptimizerGroup> DeclareOptimizers(RbmOptions options) =>
        [OptimizerGroup.ClosedForm(OptimizerGroup.DefaultName, "Weights and biases (and learned log sigma), updated by contrastive divergence.", "sgd")];
}
