namespace Framework.Testing.Conformance;

/// <summary>How one conformance check ended.</summary>
public enum CheckOutcome
{
    /// <summary>The plugin meets the obligation.</summary>
    Passed,

    /// <summary>It does not; the detail says how.</summary>
    Failed,

    /// <summary>Not checked, because something it needs failed or was not given.</summary>
    Skipped,
}

/// <summary>One line of a conformance report.</summary>
/// <param name="Check">What was checked, as a short phrase.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">What was found: the figures behind a pass, the reason for a failure or a skip.</param>
public sealed record CheckResult(string Check, CheckOutcome Outcome, string Detail);
