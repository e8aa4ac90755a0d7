using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FixtureObjective;

/// <summary>
/// "Training" that evaluates a function: epoch t's evaluation logs <c>test/objective</c>, the function's value (for
/// <c>curves</c>, the learning curve at epoch t), so a sweep searches and prunes exactly the benchmark's objective.
/// </summary>
public sealed class ObjectiveModel : IModel
{
    private readonly ObjectiveOptions _options;
    private readonly Tensor _epochsSeen;
    private readonly IOptimizer _optimizer;

    public ObjectiveModel(ObjectiveOptions options, IModelContext context)
    {
        _options = options;
        // One number of state, so that checkpoints and resume have something to carry: the epochs trained.
        _epochsSeen = torch.zeros(1, float64, device: context.Device).DetachFromDisposeScope();
        _optimizer = context.Optimizers.Create([_epochsSeen]);
    }

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        using (torch.no_grad())
            _epochsSeen.fill_(context.Epoch + 1);
        return context.ReportsMetrics ? StepOutput.WithLoss(torch.tensor(Value(context.Epoch + 1))) : new StepOutput();
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context) =>
        new Dictionary<string, double> { ["test/objective"] = Value((int)_epochsSeen.item<double>()) };

    public Tensor Sample(int count, IStepContext context) => torch.zeros(count, 1, device: context.Device);

    public void SaveState(BinaryWriter writer) => writer.Write(_epochsSeen.item<double>());

    public void LoadState(BinaryReader reader)
    {
        using (torch.no_grad())
            _epochsSeen.fill_(reader.ReadDouble());
    }

    public void Dispose() => _epochsSeen.Dispose();

    private double Value(int epoch) => _options.Function switch
    {
        "branin" => Objectives.Branin(_options.X1, _options.X2),
        "hartmann6" => Objectives.Hartmann6([_options.H0, _options.H1, _options.H2, _options.H3, _options.H4, _options.H5]),
        "mixed" => Objectives.Mixed(_options.Lr, _options.Width, _options.Act),
        _ => Objectives.Curve(_options.Lr, _options.Width, _options.Act, epoch),
    };
}
