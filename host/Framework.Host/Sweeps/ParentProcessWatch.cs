using System.Globalization;

namespace Framework.Host.Sweeps;

/// <summary>
/// Cancels when the process that started this one goes away, so a trial whose local launcher was killed (SIGKILL, a
/// closed terminal) checkpoints and stops instead of training on unwatched; running the sweep again resumes it.
/// </summary>
/// <remarks>
/// Linux only (it reads the parent id from <c>/proc/self/stat</c>); elsewhere it never fires. When the parent
/// dies the kernel gives the process a new parent, so a changed parent id is the signal.
/// </remarks>
internal sealed class ParentProcessWatch : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly Timer? _timer;
    private readonly int _parent;

    public ParentProcessWatch(TimeSpan interval)
    {
        _parent = ParentId() ?? 0;
        if (_parent > 1)
            _timer = new Timer(_ => Check(), null, interval, interval);
    }

    /// <summary>Cancelled once the parent has gone.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Check()
    {
        if (ParentId() is { } now && now != _parent && !_source.IsCancellationRequested)
            _source.Cancel();
    }

    private static int? ParentId()
    {
        const string stat = "/proc/self/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(stat))
            return null;
        // "pid (command name) state ppid ...": the name may hold spaces and parentheses, so read after the last ')'.
        string text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null;
    }
}
