using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>One optimiser group of a model, built and owned by the host: the model says when to step it.</summary>
/// <remarks>
/// <para>Since contracts 2.0. The host sets this step's learning rate and momentum before every
/// <see cref="Models.IModel.TrainStep"/>, saves and restores the optimiser's state with the checkpoint, and applies
/// <c>training.accumulate_batches</c>, gradient clipping and <c>training.ema</c> as configured; the model's step reads
/// like the paper:</para>
/// <code>
/// var loss = reconstruction + kl;
/// _optimizer.Minimize(loss);          // ZeroGrad, Backward, Step
/// </code>
/// <para>A GAN minimises its two groups' losses in turn; each <see cref="Backward"/> reaches only its own group's
/// parameters, so the generator's loss leaves no gradient behind in the discriminator. Under gradient accumulation
/// <see cref="ZeroGrad"/> clears only at the start of a window, <see cref="Backward"/> scales the loss by 1/k and
/// <see cref="Step"/> updates on every k-th call (and at the end of each epoch).</para>
/// <para>A model whose own kernel applies the update (a fused step) or that updates in closed form calls
/// <see cref="TakeStep"/> instead, once per update.</para>
/// <para>Register a module's parameters after moving it to its device: the host moves them into its own buffers
/// (<see cref="Flat"/>), and a later <c>Module.to</c> would replace them.</para>
/// </remarks>
public interface IOptimizer
{
    /// <summary>The group this optimiser updates, as the model declared it.</summary>
    OptimizerGroup Group { get; }

    /// <summary>The configured algorithm and base hyperparameters.</summary>
    OptimizerSettings Settings { get; }

    /// <summary>The learning rate of the current step, after the schedule and its warm-up.</summary>
    double LearningRate { get; }

    /// <summary>The momentum of the current step (SGD's and RMSprop's momentum, Adam's β1), after any momentum warm-up.</summary>
    double Momentum { get; }

    /// <summary>The number of updates applied so far.</summary>
    long Steps { get; }

    /// <summary>How many batches' gradients the host adds up before each update (<c>training.accumulate_batches</c>; 1
    /// for none). A model whose own kernel writes gradients, rather than adding to them through <see cref="Backward"/>,
    /// can only take part when this is 1.</summary>
    int AccumulationBatches { get; }

    /// <summary>The tensors the group updates, as registered (now views of the host's buffers).</summary>
    IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Clears the group's gradients, except inside a gradient-accumulation window.</summary>
    void ZeroGrad();

    /// <summary>Adds the gradient of <paramref name="loss"/> with respect to this group's parameters only (scaled by
    /// 1/k under accumulation over k batches).</summary>
    /// <param name="loss">A scalar tensor.</param>
    void Backward(Tensor loss);

    /// <summary>Updates the parameters from their gradients (clipped as configured), or only counts the batch inside an
    /// accumulation window.</summary>
    /// <returns>True when the parameters changed.</returns>
    bool Step();

    /// <summary><see cref="ZeroGrad"/>, <see cref="Backward"/> and <see cref="Step"/> in one call.</summary>
    /// <param name="loss">A scalar tensor.</param>
    /// <returns>True when the parameters changed.</returns>
    bool Minimize(Tensor loss)
    {
        ZeroGrad();
        Backward(loss);
        return Step();
    }

    /// <summary>Whether the model may apply this group's updates itself through <see cref="TakeStep"/>: false when the
    /// host must see the gradients first (clipping, accumulation over several batches).</summary>
    bool ModelMayApplyUpdates { get; }

    /// <summary>Counts an update that the model applies itself and returns its values. Closed-form groups call it once
    /// per training step; gradient groups only where <see cref="ModelMayApplyUpdates"/> is true, in place of
    /// <see cref="Step"/>, applying <see cref="OptimizerSettings.Name"/>'s rule to the <see cref="Flat"/> buffers.</summary>
    /// <returns>The update's number, learning rate, momentum and settings.</returns>
    OptimizerStep TakeStep();

    /// <summary>The group's parameters, gradients and state as flat buffers, or null where the parameters do not share
    /// a dtype and a device (closed-form groups keep no state here).</summary>
    OptimizerBuffers? Flat { get; }
}
