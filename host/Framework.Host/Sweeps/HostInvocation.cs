using System.Globalization;
using Framework.Host.Internal;

namespace Framework.Host.Sweeps;

/// <summary>
/// How to start this host again, with the same plugin folders and log level: what launchers run for each trial
/// (a local child process, the command line in a Slurm script).
/// </summary>
/// <param name="FileName">The executable: the <c>dotnet</c> muxer, or the host's own apphost.</param>
/// <param name="Prefix">Arguments before the verb: the host assembly (under the muxer), <c>--plugins</c>, <c>--verbose</c>.</param>
internal sealed record HostInvocation(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The invocation of the running host.</summary>
    public static HostInvocation Current(GlobalOptions options)
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("The host's executable path is unknown.");
        var prefix = new List<string>();
        if (string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
            prefix.Add(typeof(HostInvocation).Assembly.Location);
        foreach (var folder in options.PluginFolders)
            prefix.AddRange(["--plugins", Path.GetFullPath(folder)]);
        if (options.Verbose)
            prefix.Add("--verbose");
        return new HostInvocation(process, prefix);
    }

    /// <summary>The arguments that run trial <paramref name="index"/> of the sweep whose manifest is <paramref name="manifest"/>.</summary>
    public IReadOnlyList<string> TrialArguments(string manifest, string index, bool watchParent) =>
        [.. Prefix, "sweep", "trial", manifest, "--index", index, .. watchParent ? new[] { "--watch-parent" } : []];

    /// <summary>The arguments that write a sweep's summary and end its parent run.</summary>
    public IReadOnlyList<string> FinalizeArguments(string manifest) => [.. Prefix, "sweep", "finalize", manifest];

    /// <summary>A trial's index as an argument.</summary>
    public static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
}
