using Framework.Training;

namespace Framework.Host.Training.Parts;

/// <summary>Updates the exponential moving average of the weights after every training step (Lightning's
/// StochasticWeightAveraging / EMA callbacks); the loop swaps it in around evaluation and sampling through
/// <see cref="TrainingServices.UseAveragedWeights"/>.</summary>
internal sealed class WeightAveraging(TrainingServices services) : ITrainingPart
{
    public void AfterStep(LoopState state, bool readBack) => services.EndStep(state.GlobalStep);
}
