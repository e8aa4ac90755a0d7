using Microsoft.Extensions.Logging;

namespace Framework.Host.Sweeps;

/// <summary>The sweep's lifecycle events, with stable event ids: trials starting, ending, failing, retried; submissions.</summary>
internal static partial class SweepLoggerExtensions
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Trial {Trial} of sweep {Sweep}, attempt {Attempt} ({How}): {Values}")]
    public static partial void TrialStarting(this ILogger logger, int trial, string sweep, int attempt, string how, string values);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Sweep {Sweep} ({Experiment}): {Total} trials, {Finished} already finished, {Pending} to run, {Parallel} at a time")]
    public static partial void SweepStarting(this ILogger logger, string sweep, string experiment, int total, int finished, int pending, int parallel);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Trial {Trial} started (attempt {Attempt}{Device}): {Values}")]
    public static partial void TrialLaunched(this ILogger logger, int trial, int attempt, string device, string values);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Trial {Trial} FINISHED in {Elapsed:F1} s ({Done}/{Total} done){Metric}")]
    public static partial void TrialFinished(this ILogger logger, int trial, double elapsed, int done, int total, string metric);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Trial {Trial} FAILED (attempt {Attempt}): {Reason} [log: {Log}]")]
    public static partial void TrialFailed(this ILogger logger, int trial, int attempt, string reason, string log);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Trial {Trial}: retrying, attempt {Attempt} of {Attempts}")]
    public static partial void TrialRetrying(this ILogger logger, int trial, int attempt, int attempts);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Trial {Trial} stopped ({Status}); running the sweep again resumes it from its checkpoint")]
    public static partial void TrialStopped(this ILogger logger, int trial, string status);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Stopping the sweep: {Reason}")]
    public static partial void SweepStopping(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Submitted Slurm array job {Job} for trials {Array} (offset {Offset})")]
    public static partial void ArraySubmitted(this ILogger logger, string job, string array, int offset);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Trial {Trial} PRUNED at epoch {Epoch} after {Elapsed:F1} s ({Done}/{Total} done): {Reason}")]
    public static partial void TrialPruned(this ILogger logger, int trial, string epoch, double elapsed, int done, int total, string reason);
}
