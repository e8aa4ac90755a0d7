using Framework.Contracts.Data;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Contracts.Models;

/// <summary>A model of one family: its parameters, its optimisers, its training step, its metrics and its state.</summary>
/// <remarks>
/// The host owns the loop (epochs, batching, device placement, seeding, dispose scopes, cadence, logging); the model
/// owns what differs between families. Obligations of implementers:
/// <list type="bullet">
/// <item><description>Every call runs inside a host dispose scope: tensors created in a call are freed when it returns,
/// except those the model keeps as fields, which it must move out of the scope (<c>MoveToOuterDisposeScope</c>) or
/// create as parameters/buffers.</description></item>
/// <item><description>The host runs <see cref="Evaluate"/> and <see cref="Sample"/> under <c>torch.no_grad()</c>;
/// a model that needs gradients there (score functions, say) enables them locally with <c>torch.enable_grad()</c>.</description></item>
/// <item><description>Use <see cref="IStepContext.Generator"/> for every random draw, so a run is reproducible from its seed.</description></item>
/// <item><description>Do not read tensors back to the CPU in <see cref="TrainStep"/>: return scalar tensors and let
/// the host decide when to read them.</description></item>
/// <item><description><see cref="SaveState"/> writes everything of the model's own needed to continue training exactly:
/// parameters, persistent sampler chains, a closed-form update's velocities. The host checkpoints what it owns beside
/// it: the optimisers it built (<see cref="IModelContext.Optimizers"/>), their schedules, accumulated gradients, the
/// weight average and the run's generator.</description></item>
/// <item><description>With <c>training.ema</c> the host swaps the averaged weights into the registered parameters for
/// <see cref="Evaluate"/> and <see cref="Sample"/>, and back afterwards; nothing is asked of the model.</description></item>
/// <item><description>The host sets libtorch's thread count to the run's <c>training.threads</c> before every
/// <see cref="Evaluate"/>, <see cref="Sample"/> and checkpoint, so a training step that sets another count for its own
/// kernels need not restore it.</description></item>
/// </list>
/// </remarks>
public interface IModel : IDisposable
{
    /// <summary>Performs one training update on a batch that is already on the model's device.</summary>
    /// <param name="batch">The examples of this step.</param>
    /// <param name="context">Step counters, generator, logger and artifact sink.</param>
    /// <returns>Scalar tensors to log, keyed by metric name (for example <c>train/loss</c>); one should be the loss.</returns>
    StepOutput TrainStep(Batch batch, IStepContext context);

    /// <summary>Computes evaluation metrics, normally on <see cref="IEvaluationContext.Data"/>'s test split.</summary>
    /// <param name="context">The data, step counters, generator and artifact sink.</param>
    /// <returns>Metrics keyed by the names of the design document (<c>test/loglik</c>, <c>test/neg_elbo</c>, ...).</returns>
    IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context);

    /// <summary>Draws samples from the model.</summary>
    /// <param name="count">How many samples.</param>
    /// <param name="context">Generator and step counters.</param>
    /// <returns>A tensor of shape <c>[count, ..sample shape]</c> in the value range of the data.</returns>
    Tensor Sample(int count, IStepContext context);

    /// <summary>Writes the model's own training state (parameters, sampler state; not the host's optimisers).</summary>
    /// <param name="writer">Where to write; the host frames it inside its checkpoint file.</param>
    void SaveState(BinaryWriter writer);

    /// <summary>Restores the state written by <see cref="SaveState"/>, so that training continues exactly.</summary>
    /// <param name="reader">Positioned at the start of what <see cref="SaveState"/> wrote.</param>
    void LoadState(BinaryReader reader);
}
