using System.Diagnostics;
using System.Reflection;

namespace Framework.Host.Tests.Support;

/// <summary>Runs the real host (its build output, bundled plugins included) as a child process.</summary>
internal sealed class HostProcess
{
    public static string HostDll { get; } = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HostDllPath").Value!;

    public required string WorkingDirectory { get; init; }

    public Dictionary<string, string> Environment { get; } = new();

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Starts the host; the caller waits (and may signal it) through the returned process.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(HostDll);
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        // Keep runs, caches and tracking inside the test's folder, and never pick up a developer's MLflow server.
        info.Environment["MLFLOW_TRACKING_URI"] = "";
        info.Environment["MLFLOW_EXPERIMENT_NAME"] = "";
        info.Environment["Framework__CacheDirectory"] = Path.Combine(WorkingDirectory, "cache");
        // Nor a developer's own plugin folders: an empty configuration home of the test's, unless the test sets one.
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(WorkingDirectory, ".config");
        info.Environment["FRAMEWORK_CONFIG"] = "";
        info.Environment["FRAMEWORK_PLUGIN_PATH"] = "";
        foreach (var (key, value) in Environment)
            info.Environment[key] = value;
        return Process.Start(info)!;
    }

    public Result Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"host {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
