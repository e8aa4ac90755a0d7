namespace Framework.Host.Tracking;

/// <summary>How <see cref="QueuedRunTracker"/> batches writes.</summary>
/// <param name="QueueCapacity">Queued calls before the logging thread waits for the writer (back-pressure, never loss).</param>
/// <param name="FlushInterval">Longest time a logged value waits before it is written.</param>
/// <param name="MaxBatchSize">Values written in one store call at most.</param>
/// <param name="EndRunOnTerminationSignal">
/// End the run KILLED when the process gets SIGINT, SIGTERM or SIGHUP, then let the signal terminate it. .NET does not
/// raise ProcessExit for these signals, so a bare process would otherwise leave its run RUNNING. Leave it off in a
/// process with its own graceful shutdown (Microsoft.Extensions.Hosting cancels the signal and stops the app): there
/// the trainer checkpoints and ends the run KILLED itself, and ProcessExit closes any run it left open.
/// </param>
internal sealed record RunWriterOptions(
    int QueueCapacity = 10_000,
    TimeSpan? FlushInterval = null,
    int MaxBatchSize = 5_000,
    bool EndRunOnTerminationSignal = false)
{
    /// <summary>The defaults: 10 000 queued calls, written at least every second, in batches of up to 5 000 values.</summary>
    public static RunWriterOptions Default { get; } = new();

    /// <summary>The flush interval, one second when not given.</summary>
    public TimeSpan EffectiveFlushInterval => FlushInterval ?? TimeSpan.FromSeconds(1);
}
