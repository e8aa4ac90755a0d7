using Framework.Contracts.Models;

namespace FixtureGan;

public sealed class GanPlugin : ModelPlugin<GanOptions>
{
    public override string Name => "gan-fixture";

    public override string Description => "Small GAN: generator and discriminator MLPs with alternating optimisers.";

    protected override IModel Create(GanOptions options, IModelContext context) => new GanModel(options, context);
}
