using System.Globalization;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: Tracking.ConcurrentWriter <database> <experiment> <writer index> <steps> [end]
// Creates one run, logs three metrics per step (flushing every 100 steps, as a trainer does per epoch) and then ends:
//   finish (default) ends the run FINISHED; crash throws an unhandled exception; exit calls Environment.Exit without
//   ending the run; hang prints "ready" and waits to be stopped by a signal.
if (args.Length is < 4 or > 5)
{
    Console.Error.WriteLine("usage: Tracking.ConcurrentWriter <database> <experiment> <writer index> <steps> [finish|crash|exit|hang]");
    return 2;
}

var database = args[0];
var experiment = args[1];
var index = int.Parse(args[2], CultureInfo.InvariantCulture);
var steps = int.Parse(args[3], CultureInfo.InvariantCulture);
var end = args.Length == 5 ? args[4] : "finish";

var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(database), NullLogger.Instance,
    new RunWriterOptions(QueueCapacity: 1_000, FlushInterval: TimeSpan.FromMilliseconds(20), MaxBatchSize: 50, EndRunOnTerminationSignal: true));
var run = tracker.StartRun(new RunStartRequest(experiment, $"writer-{index}", new Dictionary<string, string> { ["writer"] = args[2] }));
run.LogParams(new Dictionary<string, string> { ["writer.index"] = args[2], ["writer.steps"] = args[3] });
for (var step = 0; step < steps; step++)
{
    run.LogMetrics(new Dictionary<string, double>
    {
        ["train/loss"] = 1.0 / (step + 1) + index,
        ["train/step"] = step,
        ["writer"] = index,
    }, step);
    if (step % 100 == 99)
    {
        run.Flush();
    }
}

Console.WriteLine(run.RunId);
switch (end)
{
    case "crash":
        throw new InvalidOperationException("simulated crash in the training loop");
    case "exit":
        Environment.Exit(3);
        break;
    case "hang":
        Console.WriteLine("ready");
        Thread.Sleep(Timeout.Infinite);
        break;
}

run.End(RunStatus.Finished);
run.Dispose();
tracker.Dispose();
return 0;
