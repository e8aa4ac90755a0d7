using System.Text.Json;

namespace Framework.Host.Training;

/// <summary>How a run was started, kept in its folder (<c>invocation.json</c>) so that <c>run --resume RUN_FOLDER</c>
/// needs nothing else: the directory it ran in, the plugin folders given with <c>--plugins</c>, the experiment file and
/// its overrides (the folder's <c>config.yaml</c> holds their result).</summary>
/// <param name="WorkingDirectory">The directory the run was started in (relative tracking and runs paths are resolved there).</param>
/// <param name="PluginFolders">The folders given with <c>--plugins</c>, as full paths.</param>
/// <param name="Source">The experiment file.</param>
/// <param name="Overrides">The <c>--set</c> overrides, as given.</param>
internal sealed record RunInvocation(string WorkingDirectory, IReadOnlyList<string> PluginFolders, string Source, IReadOnlyList<string> Overrides)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public const string FileName = "invocation.json";

    public void Write(string runFolder) =>
        File.WriteAllText(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(this, Json) + Environment.NewLine);

    /// <summary>The invocation recorded in <paramref name="runFolder"/>, or null for a folder without one.</summary>
    public static RunInvocation? Read(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<RunInvocation>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>The run folder that <c>--resume</c> names: a run folder, or the folder above a checkpoint's.</summary>
    public static string RunFolderOf(string resume)
    {
        var full = Path.GetFullPath(resume);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(Path.GetDirectoryName(full)!)!;
    }
}
