using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FixtureBroken;

/// <summary>Independent Bernoulli values, p(x) = Π σ(θ_i)^x_i (1 − σ(θ_i))^(1 − x_i), fitted by gradient ascent with
/// momentum in closed form: a correct model, which the broken ones below change in one place each.</summary>
public class IndependentBernoulli : IModel
{
    private readonly IOptimizer _optimizer;
    private readonly long[] _shape;

    public IndependentBernoulli(BrokenOptions options, IModelContext context)
    {
        _shape = context.Data.SampleShape;
        Logits = full(context.Data.FeatureCount, options.InitialLogit, dtype: float32).DetachFromDisposeScope();
        Velocity = zeros_like(Logits).DetachFromDisposeScope();
        _optimizer = context.Optimizers.Create([Logits]);
    }

    protected Tensor Logits { get; }

    /// <summary>The momentum's velocity: the model's own training state.</summary>
    protected Tensor Velocity { get; }

    public virtual StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var x = batch.X.reshape(batch.Size, -1);
        var step = _optimizer.TakeStep();
        // ∂ log p / ∂θ_i = x_i − σ(θ_i), averaged over the batch.
        var gradient = (x - Logits.sigmoid()).mean([0]);
        Velocity.mul_(step.Momentum).add_(gradient, alpha: step.LearningRate);
        Logits.add_(Velocity);
        return StepOutput.WithLoss(NegativeLogLikelihood(x));
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context) =>
        new Dictionary<string, double> { ["test/loglik"] = -NegativeLogLikelihood(context.Data.TestX.reshape(context.Data.TestX.shape[0], -1)).item<float>() };

    public virtual Tensor Sample(int count, IStepContext context) =>
        rand([count, Logits.shape[0]], generator: context.Generator).lt(Logits.sigmoid()).to(float32).reshape([count, .. _shape]);

    public void SaveState(BinaryWriter writer)
    {
        Logits.Save(writer);
        Velocity.Save(writer);
    }

    public virtual void LoadState(BinaryReader reader)
    {
        Logits.Load(reader);
        Velocity.Load(reader);
    }

    public void Dispose()
    {
        Logits.Dispose();
        Velocity.Dispose();
    }

    private Tensor NegativeLogLikelihood(Tensor x) => nn.functional.binary_cross_entropy_with_logits(Logits.expand_as(x), x, reduction: nn.Reduction.Sum) / x.shape[0];
}

/// <summary>Restores its parameters but not its momentum: a resumed run diverges from an uninterrupted one.</summary>
public sealed class ForgetfulModel(BrokenOptions options, IModelContext context) : IndependentBernoulli(options, context)
{
    public override void LoadState(BinaryReader reader)
    {
        Logits.Load(reader);
        using var forgotten = Velocity.clone();
        forgotten.Load(reader);  // read past it, keep the velocity the model had
    }
}

/// <summary>Keeps every step's loss alive outside the step's dispose scope: one native tensor more per step.</summary>
public sealed class LeakyModel(BrokenOptions options, IModelContext context) : IndependentBernoulli(options, context)
{
    private readonly List<Tensor> _losses = [];

    public override StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var output = base.TrainStep(batch, context);
        _losses.Add(output.Scalars[StepOutput.LossName].clone().DetachFromDisposeScope());
        return output;
    }
}

/// <summary>Returns samples with one value too many per example.</summary>
public sealed class MisshapenModel(BrokenOptions options, IModelContext context) : IndependentBernoulli(options, context)
{
    public override Tensor Sample(int count, IStepContext context) =>
        cat([base.Sample(count, context).reshape(count, -1), zeros(count, 1)], 1);
}
