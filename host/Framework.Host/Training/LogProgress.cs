using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Training;

/// <summary>Progress as a log line every interval, for output that is not a terminal (CI, Slurm, files).</summary>
internal sealed class LogProgress : IProgressDisplay
{
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public LogProgress(ILogger logger, TimeSpan interval)
    {
        _logger = logger;
        _interval = interval;
    }

    public void Report(in ProgressSnapshot snapshot)
    {
        if (_sinceLine.Elapsed < _interval)
            return;
        _sinceLine.Restart();
        _logger.ProgressLine(snapshot.Epoch + 1, snapshot.Epochs, snapshot.GlobalStep, snapshot.TotalSteps,
            snapshot.StepsPerSecond, snapshot.FormatEta(), snapshot.FormatMetrics());
    }

    public void Dispose()
    {
    }
}
