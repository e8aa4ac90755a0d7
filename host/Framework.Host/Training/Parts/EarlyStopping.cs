using System.Globalization;
using Framework.Host.Experiments;

namespace Framework.Host.Training.Parts;

/// <summary>Ends the run when an evaluation metric has not improved by more than <c>min_delta</c> for <c>patience</c>
/// evaluations in a row (Lightning's EarlyStopping); the run then evaluates, samples and checkpoints as at a normal end,
/// and finishes with the tag <c>framework.stopped_early</c>.</summary>
internal sealed class EarlyStopping(EarlyStoppingOptions options) : ITrainingPart
{
    private readonly bool _maximize = options.Goal == StoppingGoal.Maximize
        || (options.Goal == StoppingGoal.Auto && MetricDirection.HigherIsBetter(options.Metric));

    private double? _best;
    private int _bestEpoch;
    private int _stale;

    public string StateName => "early_stopping";

    public void AfterEvaluation(LoopState state, IReadOnlyDictionary<string, double> metrics)
    {
        if (!metrics.TryGetValue(options.Metric, out var value) && !state.Latest.TryGetValue(options.Metric, out value))
            throw new InvalidOperationException(
                $"training.early_stopping.metric '{options.Metric}' is not among the run's metrics; its evaluation reports: {string.Join(", ", metrics.Keys.Order())}.");
        var improved = _best is not { } best || (_maximize ? value > best + options.MinDelta : value < best - options.MinDelta);
        if (improved)
        {
            (_best, _bestEpoch, _stale) = (value, state.Epoch + 1, 0);
            return;
        }

        if (++_stale >= options.Patience)
            state.RequestStop(string.Create(CultureInfo.InvariantCulture,
                $"{options.Metric} did not improve by more than {options.MinDelta:G4} in {_stale} evaluations (best {_best:G6} after epoch {_bestEpoch})"));
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_best.HasValue);
        writer.Write(_best ?? 0);
        writer.Write(_bestEpoch);
        writer.Write(_stale);
    }

    public void Load(BinaryReader reader)
    {
        var hasBest = reader.ReadBoolean();
        var best = reader.ReadDouble();
        _best = hasBest ? best : null;
        _bestEpoch = reader.ReadInt32();
        _stale = reader.ReadInt32();
    }
}
