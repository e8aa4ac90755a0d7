using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Host.Experiments;
using Framework.Host.Tracking;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>Everything one training run needs, resolved before the trainer starts.</summary>
/// <param name="Experiment">The validated experiment.</param>
/// <param name="ModelPlugin">The model factory named by the experiment.</param>
/// <param name="DatasetPlugin">The dataset plugin named by the experiment.</param>
/// <param name="Device">The resolved device.</param>
/// <param name="Folder">The run folder.</param>
/// <param name="Tracker">Where params, metrics, tags and artifacts go.</param>
/// <param name="CacheDirectory">A folder for dataset caches.</param>
/// <param name="ResumeCheckpoint">A checkpoint to continue from, or null.</param>
/// <param name="ProcessStart">When the process started, to measure start-to-first-step.</param>
internal sealed record TrainingRequest(
    ExperimentDefinition Experiment,
    IModelPlugin ModelPlugin,
    IDatasetPlugin DatasetPlugin,
    Device Device,
    RunFolder Folder,
    IRunTracker Tracker,
    string CacheDirectory,
    string? ResumeCheckpoint,
    DateTimeOffset ProcessStart)
{
    /// <summary>The model plugin assembly's version, recorded in checkpoints.</summary>
    public string ModelPluginVersion { get; init; } = "unknown";

    /// <summary>A sweep's pruner, asked after each evaluation; null: the run is never pruned.</summary>
    public PruningHook? Pruning { get; init; }

    /// <summary>How to continue after an interruption, for the log; null: <c>run FILE --resume RUN_FOLDER</c> (a sweep trial says otherwise).</summary>
    public string? ResumeHint { get; init; }
}
