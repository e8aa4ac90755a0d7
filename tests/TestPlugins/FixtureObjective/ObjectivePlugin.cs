using Framework.Contracts.Training;
using Framework.Contracts.Models;

namespace FixtureObjective;

public sealed class ObjectivePlugin : ModelPlugin<ObjectiveOptions>
{
    public override string Name => "objective";

    public override string Description => "A function with a known optimum as a model: each evaluation logs test/objective.";

    protected override IModel Create(ObjectiveOptions options, IModelContext context) => new ObjectiveModel(options, context);

    protected override IReadOnlyList<OptimizerGroup> DeclareOptimizers(ObjectiveOptions options) =>
        [OptimizerGroup.ClosedForm(OptimizerGroup.DefaultName, "Nothing is learned: the objective is a function of the options.", "sgd")];
}
