using System.ComponentModel;
using System.Diagnostics;

namespace Framework.Host.Tracking;

/// <summary>Reads commit and dirty state by running <c>git</c>; a missing git or a folder outside a repository gives null.</summary>
internal static class GitProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The checkout that contains <paramref name="directory"/>, or null.</summary>
    public static GitState? Inspect(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var commit = Run(directory, "rev-parse", "--verify", "HEAD");
        if (commit is null)
        {
            return null;
        }

        var status = Run(directory, "status", "--porcelain", "--untracked-files=no");
        var branch = Run(directory, "rev-parse", "--abbrev-ref", "HEAD");
        var remote = Run(directory, "config", "--get", "remote.origin.url");
        return new GitState(
            commit,
            IsDirty: status is null || status.Length > 0,
            Branch: branch is null or "HEAD" ? null : branch,
            RemoteUrl: string.IsNullOrEmpty(remote) ? null : remote);
    }

    /// <summary>Runs git; its trimmed output, or null when git is missing, fails or hangs.</summary>
    private static string? Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A git prompt for credentials or an editor must never block a training run.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (Win32Exception)
        {
            // git is not installed: the run goes on without git tags.
            return null;
        }
    }
}
