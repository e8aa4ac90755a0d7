namespace Framework.Training.Options;

/// <summary>The shape of a learning-rate schedule after its warm-up.</summary>
public enum ScheduleName
{
    /// <summary>The base learning rate throughout.</summary>
    Constant,

    /// <summary>A straight line from the base rate to <see cref="ScheduleOptions.FinalFactor"/> times it.</summary>
    Linear,

    /// <summary>Half a cosine from the base rate to <see cref="ScheduleOptions.FinalFactor"/> times it (PyTorch's CosineAnnealingLR).</summary>
    Cosine,

    /// <summary>Multiplied by <see cref="ScheduleOptions.Gamma"/> after every epoch (PyTorch's ExponentialLR, stepped per epoch).</summary>
    Exponential,

    /// <summary>Multiplied by <see cref="ScheduleOptions.Gamma"/> every <see cref="ScheduleOptions.StepEpochs"/> epochs or
    /// at each of <see cref="ScheduleOptions.Milestones"/> (PyTorch's StepLR and MultiStepLR).</summary>
    Step,

    /// <summary>Up along half a cosine over the warm-up, then down along half a cosine to the final factor (PyTorch's
    /// OneCycleLR with cosine annealing).</summary>
    OneCycle,
}
