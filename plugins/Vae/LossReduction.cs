namespace Framework.Plugins.Vae;

/// <summary>How per-example losses of a batch combine into the loss that is backpropagated.</summary>
public enum LossReduction
{
    /// <summary>Summed over the batch, as in the PyTorch example (gradient norms then grow with the batch size).</summary>
    Sum,

    /// <summary>Averaged over the batch.</summary>
    Mean,
}
