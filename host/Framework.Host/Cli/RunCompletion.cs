using System.Text.Json;
using Framework.Host.Experiments;
using Framework.Host.Internal;
using Framework.Host.Tracking;
using Framework.Host.Training;

namespace Framework.Host.Cli;

/// <summary>
/// Records how a trained run ended, the same way for `run` and for a sweep's trials: the error as tags, run.json, the
/// run's log as an artifact, and the final status with its end time.
/// </summary>
internal static class RunCompletion
{
    /// <summary>MLflow holds tag values up to 8000 characters; an error message longer than this is cut here, visibly.</summary>
    private const int MaxErrorLength = 5000;

    public static void Record(IRunTracker run, RunFolder folder, ExperimentDefinition experiment, string trackingUri,
        TrainingOutcome outcome, RunLogSink runLog)
    {
        if (outcome.Error is { } failure)
        {
            run.SetTags(new Dictionary<string, string>
            {
                [MlflowTagKeys.Error] = Truncate($"{failure.GetType().Name}: {failure.Message}"),
                [MlflowTagKeys.ErrorType] = failure.GetType().Name,
            });
        }
        WriteRunInfo(folder, experiment, run.RunId, trackingUri, outcome);
        // The log is complete only once it is closed; then it can be stored with the run.
        runLog.Close();
        run.LogArtifact(folder.LogFile, "run.log");
        run.End(outcome.Status);
    }

    /// <summary>The process exit code for a run's final status.</summary>
    public static int ExitCode(RunStatus status) => status switch
    {
        RunStatus.Finished => ExitCodes.Success,
        RunStatus.Killed => ExitCodes.Interrupted,
        _ => ExitCodes.RunFailed,
    };

    /// <summary>Writes <c>run.json</c>: how the run ended, for scripts and for a look without the tracking store.</summary>
    private static void WriteRunInfo(RunFolder folder, ExperimentDefinition experiment, string runId, string trackingUri, TrainingOutcome outcome)
    {
        var info = new Dictionary<string, object?>
        {
            ["experiment"] = experiment.Name,
            ["source"] = experiment.SourcePath,
            ["runId"] = runId,
            ["trackingUri"] = trackingUri,
            ["status"] = outcome.Status.ToString().ToUpperInvariant(),
            ["globalStep"] = outcome.GlobalStep,
            ["elapsedSeconds"] = outcome.Elapsed.TotalSeconds,
            ["startToFirstStepSeconds"] = outcome.SecondsToFirstStep,
            ["error"] = outcome.Error?.Message,
            ["finalMetrics"] = outcome.FinalMetrics,
        };
        File.WriteAllText(folder.InfoFile, JsonSerializer.Serialize(info, JsonOptions.Indented));
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
