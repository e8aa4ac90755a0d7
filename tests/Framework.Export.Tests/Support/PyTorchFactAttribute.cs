using System.Diagnostics;

namespace Framework.Export.Tests.Support;

/// <summary>
/// A test that needs PyTorch in the system Python (<c>/usr/bin/python3 -c 'import torch'</c>, Debian's python3-torch).
/// It is skipped, with the reason, where there is none; with <c>FRAMEWORK_REQUIRE_PYTORCH=1</c> (set by .ci/run, which
/// installs python3-torch) it always runs, so a missing PyTorch fails the tests instead of skipping them.
/// </summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public PyTorchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FRAMEWORK_REQUIRE_PYTORCH") != "1" && Unavailable.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        try
        {
            var result = SystemPython.Run(["-c", "import torch"], TimeSpan.FromMinutes(1));
            return result.ExitCode == 0 ? null : $"{SystemPython.Path} cannot import torch ({result.Error.Trim()}); install Debian's python3-torch (.ci/run does)";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{SystemPython.Path} cannot run: {e.Message}";
        }
    }
}

/// <summary>Runs the system Python (Debian's, where python3-torch installs PyTorch), not a virtual environment's.</summary>
internal static class SystemPython
{
    public const string Path = "/usr/bin/python3";

    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // One thread: the machine's cores are shared with the other test assemblies.
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
