using Microsoft.Extensions.Logging;

namespace Framework.Host.Training;

/// <summary>The trainer's lifecycle events, with stable event ids (per-step numbers go to the tracker, not here).</summary>
internal static partial class TrainingLoggerExtensions
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Run {Run} started: {Model} on {Dataset}, {Epochs} epochs x {StepsPerEpoch} steps, device {Device}, {Threads} threads, seed {Seed}")]
    public static partial void RunStarted(this ILogger logger, string run, string model, string dataset, int epochs, long stepsPerEpoch, string device, int threads, long seed);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Resumed from {Checkpoint} at epoch {Epoch}, step {Step}")]
    public static partial void RunResumed(this ILogger logger, string checkpoint, int epoch, long step);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Epoch {Epoch}/{Epochs} done: {SamplesPerSecond:F0} samples/s{Metrics}")]
    public static partial void EpochCompleted(this ILogger logger, int epoch, int epochs, double samplesPerSecond, string metrics);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Evaluation at step {Step}: {Metrics}")]
    public static partial void Evaluated(this ILogger logger, long step, string metrics);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Checkpoint written: {Path} (step {Step})")]
    public static partial void CheckpointWritten(this ILogger logger, string path, long step);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Interrupted at step {Step}; checkpoint saved to {Path}. Resume with: run {File} --resume {RunFolder}")]
    public static partial void RunInterrupted(this ILogger logger, long step, string path, string file, string runFolder);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Interrupted at step {Step}; checkpoint saved to {Path}. Resume with: {Resume}")]
    public static partial void RunInterruptedWithHint(this ILogger logger, long step, string path, string resume);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Run {Run} failed at step {Step}: {Reason}")]
    public static partial void RunFailed(this ILogger logger, string run, long step, string reason, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Run {Run} finished in {Elapsed}: {Metrics}")]
    public static partial void RunFinished(this ILogger logger, string run, TimeSpan elapsed, string metrics);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Progress: epoch {Epoch}/{Epochs}, step {Step}/{TotalSteps}, {StepsPerSecond:F1} steps/s, ETA {Eta}{Metrics}")]
    public static partial void ProgressLine(this ILogger logger, int epoch, int epochs, long step, long totalSteps, double stepsPerSecond, string eta, string metrics);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Dataset {Dataset}: {Train} training and {Test} test examples of shape [{Shape}]")]
    public static partial void DatasetLoaded(this ILogger logger, string dataset, long train, long test, string shape);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Exported the model for PyTorch: {Path} ({Tensors} tensors, {Weights} weights)")]
    public static partial void ModelExported(this ILogger logger, string path, int tensors, string weights);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Dataset inputs (digests of the training and test data) logged in {Milliseconds:F1} ms ({CpuMilliseconds:F1} ms of process CPU)")]
    public static partial void DatasetInputsLogged(this ILogger logger, double milliseconds, double cpuMilliseconds);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Pruned after epoch {Epoch}: {Reason}")]
    public static partial void RunPruned(this ILogger logger, int epoch, string reason);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Drew {Count} samples ({Name}) in {Seconds:F1} s, {MillisecondsEach:F2} ms each")]
    public static partial void SamplesDrawn(this ILogger logger, long count, string name, double seconds, double millisecondsEach);
}
