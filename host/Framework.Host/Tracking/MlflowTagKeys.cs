namespace Framework.Host.Tracking;

/// <summary>The tag keys MLflow's UI understands, and ours (prefixed <c>framework.</c>).</summary>
internal static class MlflowTagKeys
{
    public const string RunName = "mlflow.runName";
    public const string User = "mlflow.user";
    public const string SourceName = "mlflow.source.name";
    public const string SourceType = "mlflow.source.type";
    public const string GitCommit = "mlflow.source.git.commit";
    public const string GitRepoUrl = "mlflow.source.git.repoURL";
    public const string GitBranch = "mlflow.source.git.branch";
    public const string ParentRunId = "mlflow.parentRunId";
    public const string NoteContent = "mlflow.note.content";

    public const string GitDirty = "framework.source.git.dirty";
    public const string FrameworkVersion = "framework.version";
    public const string PluginPrefix = "framework.plugin.";
    public const string Device = "framework.device";
    public const string LibTorchVersion = "framework.libtorch.version";
    public const string Seed = "framework.seed";
    public const string Host = "framework.host";
    public const string Error = "framework.error";
    public const string ErrorType = "framework.error.type";

    /// <summary>Params whose values were too long for MLflow and were replaced by a hash (comma-separated keys).</summary>
    public const string HashedParams = "framework.params.hashed";

    /// <summary>On a run copied by <c>sync</c>: the id of the run it was copied from, so a second sync finds it.</summary>
    public const string SyncSourceRunId = "framework.sync.source_run_id";
}
