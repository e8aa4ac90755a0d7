namespace Framework.Host.Training.Parts;

/// <summary>Hands each evaluation's metric to a sweep's pruner; a run it prunes ends after this epoch, KILLED, with
/// the tag <c>framework.pruned</c>.</summary>
internal sealed class PruningPart(PruningHook hook) : ITrainingPart
{
    public void AfterEvaluation(LoopState state, IReadOnlyDictionary<string, double> metrics)
    {
        if (!metrics.TryGetValue(hook.Metric, out var value) || !double.IsFinite(value))
            return;
        if (hook.Decide(state.Epoch + 1, value) is { } reason)
            state.RequestStop(reason, pruned: true);
    }
}
