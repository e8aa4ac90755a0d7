namespace Framework.Host.Training;

/// <summary>The loss became NaN or infinite: the run fails with this reason rather than training on garbage.</summary>
internal sealed class TrainingDivergedException(string metric, double value, long step)
    : Exception($"{metric} became {value} at step {step}; lower the learning rate, clip gradients or check the data.")
{
    public long Step { get; } = step;
}
