using Framework.Contracts.Models;

namespace Framework.Plugins.Diffusion;

/// <summary>The <c>diffusion</c> model family: DDPM with epsilon-prediction.</summary>
internal sealed class DiffusionPlugin : ModelPlugin<DiffusionOptions>
{
    /// <inheritdoc />
    public override string Name => "diffusion";

    /// <inheritdoc />
    public override string Description =>
        "Denoising diffusion probabilistic model (Ho et al. 2020): a U-Net or MLP predicts the noise of x_t; linear or cosine " +
        "schedule; ancestral or DDIM sampling; reports the variational bound in nats and bits/dim with a discretised decoder.";

    /// <inheritdoc />
    protected override IModel Create(DiffusionOptions options, IModelContext context) => new DiffusionModel(options, context);
}
