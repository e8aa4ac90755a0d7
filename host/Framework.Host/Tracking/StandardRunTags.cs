using System.Globalization;

namespace Framework.Host.Tracking;

/// <summary>
/// The tags every run gets: MLflow's system tags (run name, user, source, git commit, note) and ours (framework and
/// plugin versions, device, libtorch, seed, host). The caller passes what it knows; user and git are found here.
/// </summary>
/// <example>
/// <code>
/// var tags = new StandardRunTags
/// {
///     RunName = "rbm-mnist-3", SourceFile = definition.SourcePath, Description = definition.Description,
///     FrameworkVersion = "0.1.0", Plugins = [new("rbm", "0.1.0"), new("idx", "0.1.0")],
///     Device = "cpu", LibTorchVersion = "2.10.0", Seed = 42,
/// }.Build();
/// </code>
/// </example>
internal sealed class StandardRunTags
{
    private const string CutMarker = " [cut to MLflow's 8000 characters; the full text is in the experiment file]";

    /// <summary>The run's display name (<c>mlflow.runName</c>).</summary>
    public required string RunName { get; init; }

    /// <summary>The experiment file (<c>mlflow.source.name</c>); its folder is where git is asked.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The experiment's description (<c>mlflow.note.content</c>, shown in the UI).</summary>
    public string? Description { get; init; }

    /// <summary>The framework's version.</summary>
    public string? FrameworkVersion { get; init; }

    /// <summary>Plugin names and versions (<c>framework.plugin.NAME</c> = version).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Plugins { get; init; } = [];

    /// <summary>The device that trains (<c>cpu</c>, <c>cuda:0</c>).</summary>
    public string? Device { get; init; }

    /// <summary>The libtorch version TorchSharp runs on.</summary>
    public string? LibTorchVersion { get; init; }

    /// <summary>The run's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>The machine (<c>framework.host</c>); defaults to this one.</summary>
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>The user (<c>mlflow.user</c>); defaults to what MLflow's Python client would record.</summary>
    public string User { get; init; } = CurrentUser.Name();

    /// <summary>The git state; null asks git in the source file's folder (or the working directory).</summary>
    public GitState? Git { get; init; }

    /// <summary>Whether to ask git when <see cref="Git"/> is null.</summary>
    public bool ProbeGit { get; init; } = true;

    /// <summary>More tags (the experiment file's <c>tracking.tags</c>); they override none of the above.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>The tags.</summary>
    public Dictionary<string, string> Build()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Extra)
        {
            tags[key] = value;
        }

        tags[MlflowTagKeys.RunName] = RunName;
        tags[MlflowTagKeys.User] = User;
        tags[MlflowTagKeys.SourceType] = "LOCAL";
        tags[MlflowTagKeys.Host] = HostName;
        if (SourceFile is not null)
        {
            tags[MlflowTagKeys.SourceName] = Path.GetFullPath(SourceFile);
        }

        if (!string.IsNullOrEmpty(Description))
        {
            tags[MlflowTagKeys.NoteContent] = Description.Length <= MlflowLimits.MaxTagValueLength
                ? Description
                : Description[..(MlflowLimits.MaxTagValueLength - CutMarker.Length)] + CutMarker;
        }

        AddIfSet(tags, MlflowTagKeys.FrameworkVersion, FrameworkVersion);
        AddIfSet(tags, MlflowTagKeys.Device, Device);
        AddIfSet(tags, MlflowTagKeys.LibTorchVersion, LibTorchVersion);
        AddIfSet(tags, MlflowTagKeys.Seed, Seed?.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, version) in Plugins)
        {
            tags[MlflowTagKeys.PluginPrefix + name] = version;
        }

        var git = Git ?? (ProbeGit ? GitProbe.Inspect(SourceFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(SourceFile))!) : null);
        if (git is not null)
        {
            tags[MlflowTagKeys.GitCommit] = git.Commit;
            tags[MlflowTagKeys.GitDirty] = git.IsDirty ? "true" : "false";
            AddIfSet(tags, MlflowTagKeys.GitBranch, git.Branch);
            AddIfSet(tags, MlflowTagKeys.GitRepoUrl, git.RemoteUrl);
        }

        return tags;
    }

    private static void AddIfSet(Dictionary<string, string> tags, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tags[key] = value;
        }
    }
}
