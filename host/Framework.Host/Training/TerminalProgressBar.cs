using System.Diagnostics;
using Framework.Host.Internal;

namespace Framework.Host.Training;

/// <summary>A one-line progress bar redrawn in place on the terminal's error stream, at most ten times a second.</summary>
internal sealed class TerminalProgressBar : IProgressDisplay
{
    private const int BarWidth = 24;
    private readonly TextWriter _output;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private bool _drawn;

    public TerminalProgressBar(TextWriter output)
    {
        _output = output;
    }

    public void Report(in ProgressSnapshot snapshot)
    {
        bool last = snapshot.GlobalStep >= snapshot.TotalSteps;
        if (_drawn && !last && _sinceDraw.ElapsedMilliseconds < 100)
            return;
        _sinceDraw.Restart();
        double fraction = snapshot.TotalSteps == 0 ? 1 : (double)snapshot.GlobalStep / snapshot.TotalSteps;
        int filled = (int)Math.Round(fraction * BarWidth);
        string line = FormattableString.Invariant(
            $"\repoch {snapshot.Epoch + 1}/{snapshot.Epochs} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {snapshot.GlobalStep}/{snapshot.TotalSteps} {snapshot.StepsPerSecond:F1} it/s ETA {snapshot.FormatEta()}{snapshot.FormatMetrics()}");
        int width = SafeWindowWidth();
        lock (TerminalLine.Gate)
        {
            _output.Write(line.Length > width ? line[..width] : line.PadRight(width));
            _output.Flush();
            TerminalLine.BarDrawn = true;
        }
        _drawn = true;
    }

    public void Dispose()
    {
        lock (TerminalLine.Gate)
        {
            // Leave the last state of the bar on screen, and move log output below it.
            if (TerminalLine.BarDrawn)
                _output.WriteLine();
            TerminalLine.BarDrawn = false;
        }
    }

    private static int SafeWindowWidth()
    {
        try
        {
            int width = Console.WindowWidth;
            return width > 20 ? width - 1 : 119;
        }
        catch (IOException)
        {
            return 119;
        }
    }
}
