namespace Framework.Contracts.Training;

/// <summary>An optimiser group that a model declares: a name the experiment file configures, and how its parameters
/// are updated.</summary>
/// <remarks>
/// <para>Since contracts 2.0. A model plugin declares its groups in <see cref="Models.IModelPlugin.OptimizerGroups"/>,
/// before any model exists, so that the host can check the experiment file against them: most models declare
/// <see cref="Single"/> and are configured by <c>training.optimizer</c>; a model with several declares one group per
/// network (a GAN: <c>generator</c> and <c>discriminator</c>), configured by <c>training.optimizers.NAME</c>, each key
/// of which overrides <c>training.optimizer</c> and <c>training.schedule</c>.</para>
/// <para>When the model is built it creates every declared group through <see cref="IOptimizerFactory"/>, with
/// the parameters the group updates; the host then builds the optimiser, schedules its learning rate and momentum,
/// clips, accumulates and averages as the file says, and checkpoints all of it.</para>
/// </remarks>
/// <example>
/// <code>
/// protected override IReadOnlyList&lt;OptimizerGroup&gt; DeclareOptimizers(GanOptions options) =&gt;
/// [
///     new("generator", "The generator's weights."),
///     new("discriminator", "The discriminator's weights.") { Averaged = false },
/// ];
/// </code>
/// </example>
/// <param name="Name">The group's name: lower-case letters, digits and underscores (<c>generator</c>).</param>
/// <param name="Description">What the group updates, for <c>plugins describe</c>.</param>
public sealed record OptimizerGroup(string Name, string Description)
{
    /// <summary>The name of the one group of a model that declares a single group.</summary>
    public const string DefaultName = "default";

    /// <summary>One group for every parameter of the model, configured by <c>training.optimizer</c>: the common case.</summary>
    public static OptimizerGroup Single { get; } = new(DefaultName, "Every parameter of the model.");

    /// <summary>How the group's parameters are updated: by the host's optimiser from gradients (the default), or in
    /// closed form by the model, which takes each step's learning rate and momentum from <see cref="IOptimizer.TakeStep"/>.</summary>
    public OptimizerUpdate Update { get; init; } = OptimizerUpdate.Gradient;

    /// <summary>The optimiser algorithms (<see cref="OptimizerSettings.Names"/>) this group accepts, or null for all
    /// of them; an experiment file that names another is rejected with these.</summary>
    /// <remarks>A closed-form group names the rule its update follows (an RBM's contrastive divergence: <c>sgd</c>,
    /// gradient ascent with momentum and weight decay).</remarks>
    public IReadOnlyList<string>? Algorithms { get; init; }

    /// <summary>Whether <c>training.ema</c> averages this group's parameters (and evaluation and sampling use the
    /// average). True by default; a GAN's discriminator, which sampling never uses, can opt out.</summary>
    public bool Averaged { get; init; } = true;

    /// <summary>A group whose update the model computes in closed form from the host's learning rate, momentum and
    /// weight decay at each step (<see cref="IOptimizer.TakeStep"/>).</summary>
    /// <param name="name">The group's name.</param>
    /// <param name="description">What it updates.</param>
    /// <param name="algorithms">The update rules the model implements (for example <c>sgd</c>).</param>
    /// <returns>The declaration.</returns>
    public static OptimizerGroup ClosedForm(string name, string description, params string[] algorithms) =>
        new(name, description) { Update = OptimizerUpdate.ClosedForm, Algorithms = algorithms };
}
