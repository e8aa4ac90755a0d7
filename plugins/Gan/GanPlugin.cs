using Framework.Contracts.Models;
using Framework.Contracts.Training;

namespace Framework.Plugins.Gan;

/// <summary>The <c>gan</c> model family: a generator and a discriminator (critic), each with an optimiser of its own.</summary>
internal sealed class GanPlugin : ModelPlugin<GanOptions>
{
    /// <summary>The generator's optimiser group: <c>training.optimizers.generator</c>.</summary>
    public const string Generator = "generator";

    /// <summary>The discriminator's optimiser group: <c>training.optimizers.discriminator</c>.</summary>
    public const string Discriminator = "discriminator";

    /// <inheritdoc />
    public override string Name => "gan";

    /// <inheritdoc />
    public override string Description =>
        "Generative adversarial network (Goodfellow et al. 2014): the DCGAN of 28x28 images or MLPs for flat data and lattices, " +
        "trained with the non-saturating (bce), hinge or WGAN-GP loss; reports the discriminator on test data against fresh " +
        "samples and the samples' nearest-neighbour distance to the test set, and draws a grid from fixed noise at every evaluation.";

    /// <inheritdoc />
    protected override IModel Create(GanOptions options, IModelContext context) => new GanModel(options, context);

    /// <summary>Two groups; sampling uses the generator only, so <c>training.ema</c> averages only the generator.</summary>
    protected override IReadOnlyList<OptimizerGroup> DeclareOptimizers(GanOptions options) =>
    [
        new(Generator, "The generator's weights (and its batch-norm scales and shifts); training.ema averages these."),
        new(Discriminator, "The discriminator's (critic's) weights.") { Averaged = false },
    ];
}
