using Autofac;
using Framework.Contracts.Models;
using Framework.Contracts.Training;

namespace FixtureBroken;

public abstract class BrokenPlugin : ModelPlugin<BrokenOptions>
{
    protected override IReadOnlyList<OptimizerGroup> DeclareOptimizers(BrokenOptions options) =>
        [OptimizerGroup.ClosedForm(OptimizerGroup.DefaultName, "The log-odds of every value.", "sgd")];
}

public sealed class ForgetfulPlugin : BrokenPlugin
{
    public override string Name => "forgetful-fixture";

    public override string Description => "Forgets its momentum when loaded from a checkpoint.";

    protected override IModel Create(BrokenOptions options, IModelContext context) => new ForgetfulModel(options, context);
}

public sealed class LeakyPlugin : BrokenPlugin
{
    public override string Name => "leaky-fixture";

    public override string Description => "Leaks one native tensor per training step.";

    protected override IModel Create(BrokenOptions options, IModelContext context) => new LeakyModel(options, context);
}

public sealed class MisshapenPlugin : BrokenPlugin
{
    public override string Name => "misshapen-fixture";

    public override string Description => "Samples one value too many per example.";

    protected override IModel Create(BrokenOptions options, IModelContext context) => new MisshapenModel(options, context);
}

public sealed class BrokenModule : Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterType<ForgetfulPlugin>().As<IModelPlugin>().SingleInstance();
        builder.RegisterType<LeakyPlugin>().As<IModelPlugin>().SingleInstance();
        builder.RegisterType<MisshapenPlugin>().As<IModelPlugin>().SingleInstance();
    }
}
