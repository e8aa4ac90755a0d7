using System.Globalization;
using Framework.Training;

namespace Framework.Host.Training.Parts;

/// <summary>Logs each optimiser group's learning rate (and a scheduled momentum) at the steps whose metrics the loop
/// reads: <c>train/lr</c> for a model with one group, <c>train/lr/NAME</c> for each of several (Lightning's
/// LearningRateMonitor).</summary>
internal sealed class LearningRateMonitor(TrainingServices services) : ITrainingPart
{
    public void AfterStep(LoopState state, bool readBack)
    {
        if (!readBack)
            return;
        var single = services.Optimizers.Count == 1;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        // The rates of the step just taken: the services still hold them until the next step begins.
        foreach (var (group, rate) in services.LearningRates)
            metrics[single ? "train/lr" : string.Create(CultureInfo.InvariantCulture, $"train/lr/{group}")] = rate;
        foreach (var (group, momentum) in services.VaryingMomenta)
            metrics[single ? "train/momentum" : string.Create(CultureInfo.InvariantCulture, $"train/momentum/{group}")] = momentum;
        state.Log(metrics);
    }
}
