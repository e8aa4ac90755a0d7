using Framework.Contracts.Models;

namespace FixtureDiffusion;

public sealed class DiffusionPlugin : ModelPlugin<DiffusionOptions>
{
    public override string Name => "diffusion-fixture";

    public override string Description => "Small DDPM: an MLP predicts the noise added at a random timestep.";

    protected override IModel Create(DiffusionOptions options, IModelContext context) => new DiffusionModel(options, context);
}
