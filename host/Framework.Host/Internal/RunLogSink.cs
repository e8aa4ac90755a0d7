using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Framework.Host.Internal;

/// <summary>
/// A Serilog sink that copies every event to the current run's <c>run.log</c> while a run is open, so each run
/// folder holds its own log (and the tracker can store it as an artifact).
/// </summary>
internal sealed class RunLogSink : ILogEventSink, IDisposable
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private readonly Lock _gate = new();
    private Logger? _file;

    /// <summary>Starts copying events to <paramref name="path"/> (appending, so a resumed run keeps one log).</summary>
    public void Open(string path)
    {
        var file = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(path, outputTemplate: Template, formatProvider: CultureInfo.InvariantCulture, shared: true)
            .CreateLogger();
        lock (_gate)
        {
            _file?.Dispose();
            _file = file;
        }
    }

    /// <summary>Stops copying and closes the file.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
            _file?.Write(logEvent);
    }

    public void Dispose() => Close();
}
