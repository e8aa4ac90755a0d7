using Serilog.Core;
using Serilog.Events;

namespace Framework.Host.Internal;

/// <summary>Wraps the console sink so that each log line first erases the progress bar (see <see cref="TerminalLine"/>).</summary>
internal sealed class BarAwareSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent)
    {
        lock (TerminalLine.Gate)
        {
            TerminalLine.EraseBar(Console.Error);
            inner.Emit(logEvent);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
