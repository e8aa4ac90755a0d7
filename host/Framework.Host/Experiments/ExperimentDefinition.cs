using Framework.Host.Sweeps;

namespace Framework.Host.Experiments;

/// <summary>An experiment file resolved and validated: everything a run needs, nothing left to check.</summary>
/// <param name="SourcePath">The experiment file's full path.</param>
/// <param name="Name">The experiment's name (the file's <c>name</c>, else the file name without extension).</param>
/// <param name="Description">The file's <c>description</c>, or null.</param>
/// <param name="Model">The model plugin and its options.</param>
/// <param name="Dataset">The dataset plugin and its options.</param>
/// <param name="Training">The training settings.</param>
/// <param name="Tracking">The tracking settings.</param>
/// <param name="ResolvedYaml">The whole resolved configuration (defaults filled in, overrides applied) as YAML.</param>
/// <param name="FlatParameters">The resolved configuration flattened to dotted keys (<c>model.hidden</c>) for MLflow params.</param>
/// <param name="Overrides">The <c>--set</c> overrides that were applied, as given.</param>
internal sealed record ExperimentDefinition(
    string SourcePath,
    string Name,
    string? Description,
    PluginSelection Model,
    PluginSelection Dataset,
    TrainingSettings Training,
    TrackingSettings Tracking,
    string ResolvedYaml,
    IReadOnlyDictionary<string, string> FlatParameters,
    IReadOnlyList<string> Overrides)
{
    /// <summary>The file's <c>sweep</c> section, or null for a single run. Trials never carry it into their params.</summary>
    public SweepSpec? Sweep { get; init; }
}
