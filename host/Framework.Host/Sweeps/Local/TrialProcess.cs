using System.Diagnostics;
using System.Globalization;

namespace Framework.Host.Sweeps.Local;

/// <summary>
/// A trial running in its own process (so a native crash ends one trial, not the sweep), its output appended to the
/// trial's console log, the last lines kept for the failure message.
/// </summary>
internal sealed class TrialProcess : IDisposable
{
    private const int KeptLines = 12;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private TrialProcess(SweepTrial trial, TrialSlot slot, int attempt, Process process, StreamWriter log, string logPath)
    {
        Trial = trial;
        Slot = slot;
        Attempt = attempt;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public SweepTrial Trial { get; }

    public TrialSlot Slot { get; }

    public int Attempt { get; }

    public string LogPath { get; }

    /// <summary>Completes when the process has exited and its output is drained.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    public int ExitCode => _process.ExitCode;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts the trial process.</summary>
    public static TrialProcess Start(HostInvocation host, string manifest, SweepTrial trial, TrialSlot slot, int attempt, string logPath)
    {
        var info = new ProcessStartInfo(host.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        foreach (var argument in host.TrialArguments(manifest, HostInvocation.Index(trial.Index), watchParent: true))
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in slot.Environment(trial.Definition.Training.Device))
            info.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"==== {DateTimeOffset.UtcNow:u} attempt {attempt}: {host.FileName} {string.Join(' ', info.ArgumentList)}"));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var trialProcess = new TrialProcess(trial, slot, attempt, process, log, logPath);
        process.OutputDataReceived += (_, e) => trialProcess.Write(e.Data);
        process.ErrorDataReceived += (_, e) => trialProcess.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        trialProcess.Exited = process.WaitForExitAsync();
        return trialProcess;
    }

    /// <summary>Asks the trial to stop: SIGTERM, on which it checkpoints and ends its run KILLED.</summary>
    public void Terminate()
    {
        if (_process.HasExited)
            return;
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    /// <summary>The last lines the trial printed.</summary>
    public string Tail()
    {
        lock (_gate)
            return string.Join(Environment.NewLine, _tail);
    }

    /// <summary>How the process ended, in words: <c>exit code 1</c>, <c>killed by signal 9 (SIGKILL)</c>.</summary>
    public string DescribeExit()
    {
        int code = ExitCode;
        // The runtime reports a death by signal N as 128 + N, as shells do.
        return code > 128 && code < 160 && code != 130
            ? string.Create(CultureInfo.InvariantCulture, $"the trial process was killed by signal {code - 128}{SignalName(code - 128)}")
            : string.Create(CultureInfo.InvariantCulture, $"the trial process exited with code {code}");
    }

    public void Dispose()
    {
        _process.WaitForExit();
        lock (_gate)
            _log.Dispose();
        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        6 => " (SIGABRT: a native library aborted)",
        9 => " (SIGKILL: out of memory, or killed)",
        11 => " (SIGSEGV: a native crash)",
        15 => " (SIGTERM)",
        _ => "",
    };

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
                _tail.Dequeue();
        }
    }
}
