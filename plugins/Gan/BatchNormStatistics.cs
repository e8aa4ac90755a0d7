namespace Framework.Plugins.Gan;

/// <summary>Which statistics the generator's batch-norm layers normalise with when it samples (eval mode).</summary>
public enum BatchNormStatistics
{
    /// <summary>The running statistics of training, as the PyTorch reference and pytorch/examples sample.</summary>
    Running,

    /// <summary>Statistics recomputed from fresh noise for the weights in use: with <c>training.ema</c> those are the
    /// averaged weights, to which the running statistics of the live weights do not belong (what
    /// <c>torch.optim.swa_utils.update_bn</c> does for an averaged model).</summary>
    Recalibrated,
}
