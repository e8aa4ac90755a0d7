using Framework.Contracts.Models;
using Framework.Contracts.Training;

namespace FixtureGan;

public sealed class GanPlugin : ModelPlugin<GanOptions>
{
    public const string Generator = "generator";
    public const string Discriminator = "discriminator";

    public override string Name => "gan-fixture";

    public override string Description => "Small GAN: generator and discriminator MLPs with alternating optimisers.";

    protected override IModel Create(GanOptions options, IModelContext context) => new GanModel(options, context);

    /// <summary>Two groups, configured by training.optimizers.generator and .discriminator; sampling uses the generator
    /// only, so only it is averaged.</summary>
    protected override IReadOnlyList<OptimizerGroup> DeclareOptimizers(GanOptions options) =>
    [
        new(Generator, "The generator's weights."),
        new(Discriminator, "The discriminator's weights.") { Averaged = false },
    ];
}
