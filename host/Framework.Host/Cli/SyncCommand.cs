using Framework.Host.Tracking;
using Framework.Host.Tracking.Sync;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sync SOURCE DEST</c>: copies runs from a local MLflow SQLite file (an HPC node without network, say) to a server or
/// another file, or delivers a spool that a run left when its server was down. Running it twice copies nothing twice.
/// </summary>
internal sealed class SyncCommand(TrackingStoreFactory factory, ILoggerFactory loggerFactory)
{
    public int Execute(string source, string destination, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        SyncReport report;
        try
        {
            report = new TrackingSync(factory, loggerFactory.CreateLogger<TrackingSync>()).Run(source, destination, cancellation);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (TrackingException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
        output.WriteLine(report.ToString());
        foreach (string conflict in report.Conflicts)
            error.WriteLine($"conflict: {conflict}");
        if (cancellation.IsCancellationRequested)
            return ExitCodes.Interrupted;
        return report.Conflicts.Count == 0 && report.SpooledWritesLeft == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
    }
}
