namespace Framework.Host.Sweeps.Local;

/// <summary>How a local sweep run ended.</summary>
/// <param name="Interrupted">Whether Ctrl+C or SIGTERM stopped it.</param>
/// <param name="StoppedByFailure">Whether <c>fail_fast</c> stopped it.</param>
/// <param name="Failed">Trials that failed after all their attempts.</param>
internal sealed record LocalLaunchResult(bool Interrupted, bool StoppedByFailure, IReadOnlyList<int> Failed);
