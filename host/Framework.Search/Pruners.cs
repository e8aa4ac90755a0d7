namespace Framework.Search;

/// <summary>
/// Decides whether a running trial should stop, at its latest report. It decides from the trial's own reports and the
/// other trials' records alone (no state kept between calls), so a trial running in its own process decides the same
/// from what the tracking store holds as an in-process search would.
/// </summary>
public interface IPruner
{
    /// <param name="trial">The running trial; its Intermediate holds its reports so far, the latest step being decided on.</param>
    /// <param name="others">The other trials of the search, in any state (a record with the trial's own number is ignored).</param>
    bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction);
}

/// <summary>Never prunes.</summary>
public sealed class NopPruner : IPruner
{
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction) => false;
}
