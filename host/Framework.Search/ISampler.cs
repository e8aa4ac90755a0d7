namespace Framework.Search;

/// <summary>
/// Proposes the parameter values of a trial. A proposal must depend only on the sampler's settings and seed, the trial
/// number and the history passed, so that a search rebuilt from stored trials proposes what an uninterrupted one would.
/// </summary>
public interface ISampler
{
    /// <summary>
    /// The values of trial <paramref name="trialNumber"/>: one per parameter active under the values chosen (a
    /// conditional parameter appears only when its parent took one of its enabling values). <paramref name="history"/>
    /// holds the other trials in any order and state (Running ones are pending proposals of a parallel search); a
    /// record numbered <paramref name="trialNumber"/> in it is ignored.
    /// </summary>
    IReadOnlyDictionary<string, ParameterValue> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history, int trialNumber);
}
