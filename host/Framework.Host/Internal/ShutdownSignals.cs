using System.Runtime.InteropServices;

namespace Framework.Host.Internal;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation the trainer sees at its next step, so it can save a
/// checkpoint and mark the run KILLED. A second Ctrl+C ends the process at once, for a run that hangs.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _sigterm;

    public ShutdownSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                _source.Cancel();
            });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
            return; // second Ctrl+C: let the runtime terminate the process
        e.Cancel = true;
        _source.Cancel();
    }
}
