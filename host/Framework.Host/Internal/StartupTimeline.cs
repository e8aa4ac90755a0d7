using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Internal;

/// <summary>Debug-level marks of how long after process start each phase of a run was reached (see with --verbose).</summary>
internal static partial class StartupTimeline
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static void Mark(ILogger logger, string phase) =>
        Reached(logger, (DateTime.UtcNow - ProcessStart).TotalMilliseconds, phase);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "{Milliseconds:F0} ms after process start: {Phase}")]
    private static partial void Reached(ILogger logger, double milliseconds, string phase);
}
