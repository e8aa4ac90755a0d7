namespace Framework.Contracts.Training;

/// <summary>How an optimiser group's parameters change at a step.</summary>
public enum OptimizerUpdate
{
    /// <summary>The host's optimiser updates them from gradients that the model's loss puts there
    /// (<see cref="IOptimizer.Backward"/>, <see cref="IOptimizer.Step"/>), or the model applies the same update in a
    /// kernel of its own after <see cref="IOptimizer.TakeStep"/>.</summary>
    Gradient,

    /// <summary>The model updates them itself, in closed form (an RBM's contrastive divergence has no loss to
    /// differentiate), with the learning rate, momentum and weight decay of <see cref="IOptimizer.TakeStep"/>. Gradient
    /// clipping and accumulation do not apply.</summary>
    ClosedForm,
}
