using System.Diagnostics;
using System.Globalization;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Benchmarks;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

// What MLflow tracking costs an epoch when four metrics are logged every step through the SQLite tracker.
//  1. Epochs of a small TorchSharp training loop with and without tracking, alternating so that drift of a shared
//     machine affects both alike: medians of wall time and of process CPU time (all threads, the writer's included).
//  2. The tracker alone (same calls, no training): its wall and CPU cost per step, divided by a training step's cost.
// Arguments: steps per epoch (default 500), repeats (default 6), torch threads (default: libtorch's choice).
var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
if (args.Length > 2)
{
    set_num_threads(int.Parse(args[2], CultureInfo.InvariantCulture));
}

var folder = Path.Combine(Path.GetTempPath(), "tracking-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
Console.WriteLine($"torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}, steps per epoch: {steps}, repeats: {repeats}");

static TimeSpan Cpu()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

static Dictionary<string, double> Metrics(double loss, double nll, int epoch) => new()
{
    ["train/loss"] = loss,
    ["train/recon_error"] = nll,
    ["throughput/samples_per_s"] = 64,
    ["epoch"] = epoch,
};

using var loop = new TrainingLoop(examples: 6400, batch: 64, seed: 1);
using var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(Path.Combine(folder, "mlflow.db")), NullLogger.Instance);

// Warm-up of both paths: JIT, libtorch kernels, SQLite statements.
loop.Run(50, null);
using (var warm = tracker.StartRun(new RunStartRequest("bench", "warm-up", new Dictionary<string, string>())))
{
    loop.Run(50, (step, loss, nll) => warm.LogMetrics(Metrics(loss, nll, 0), step));
    warm.End(RunStatus.Finished);
}

var wallWithout = new List<double>();
var wallWith = new List<double>();
var cpuWithout = new List<double>();
var cpuWith = new List<double>();
var callTicks = 0L;
void EpochWithout(int repeat)
{
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    loop.Run(steps, (_, loss, nll) => GC.KeepAlive(Metrics(loss, nll, repeat)));
    wallWithout.Add(clock.Elapsed.TotalMilliseconds);
    cpuWithout.Add((Cpu() - cpu).TotalMilliseconds);
}

void EpochWith(int repeat)
{
    using var run = tracker.StartRun(new RunStartRequest("bench", $"epoch-{repeat}", new Dictionary<string, string>()));
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    loop.Run(steps, (step, loss, nll) =>
    {
        var before = Stopwatch.GetTimestamp();
        run.LogMetrics(Metrics(loss, nll, repeat), step + (long)repeat * steps);
        callTicks += Stopwatch.GetTimestamp() - before;
    });
    run.Flush(); // the trainer flushes at every epoch end: its cost belongs to the epoch
    wallWith.Add(clock.Elapsed.TotalMilliseconds);
    cpuWith.Add((Cpu() - cpu).TotalMilliseconds);
    run.End(RunStatus.Finished);
}

// Alternate which comes first, so neither variant always follows the other.
for (var repeat = 0; repeat < repeats; repeat++)
{
    if (repeat % 2 == 0)
    {
        EpochWithout(repeat);
        EpochWith(repeat);
    }
    else
    {
        EpochWith(repeat);
        EpochWithout(repeat);
    }
}

// The tracker alone, many steps, to get its cost per step without the training's noise.
const int trackerSteps = 20_000;
double trackerWallPerStep, trackerCpuPerStep;
using (var run = tracker.StartRun(new RunStartRequest("bench", "tracker-only", new Dictionary<string, string>())))
{
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    for (var step = 0; step < trackerSteps; step++)
    {
        run.LogMetrics(Metrics(1.0 / (step + 1), step, 0), step);
    }

    run.Flush();
    trackerWallPerStep = clock.Elapsed.TotalMilliseconds / trackerSteps;
    trackerCpuPerStep = (Cpu() - cpu).TotalMilliseconds / trackerSteps;
    run.End(RunStatus.Finished);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
static string List(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));
var stepWall = Median(wallWithout) / steps;
var stepCpu = Median(cpuWithout) / steps;
Console.WriteLine($"1. training epochs, {steps} steps, 4 metrics logged every step");
Console.WriteLine($"   wall ms without tracking: {List(wallWithout)}");
Console.WriteLine($"   wall ms with tracking:    {List(wallWith)}");
Console.WriteLine($"   median wall: without {Median(wallWithout):F0} ms, with {Median(wallWith):F0} ms, ratio {Median(wallWith) / Median(wallWithout):F4}");
Console.WriteLine($"   cpu ms without tracking:  {List(cpuWithout)}");
Console.WriteLine($"   cpu ms with tracking:     {List(cpuWith)}");
Console.WriteLine($"   median cpu:  without {Median(cpuWithout):F0} ms, with {Median(cpuWith):F0} ms, ratio {Median(cpuWith) / Median(cpuWithout):F4}");
Console.WriteLine($"   LogMetrics on the training thread: {Stopwatch.GetElapsedTime(0, callTicks).TotalMicroseconds / (steps * (double)repeats):F2} µs per call");
Console.WriteLine($"2. tracker alone, {trackerSteps} steps: {trackerWallPerStep * 1000:F1} µs wall and {trackerCpuPerStep * 1000:F1} µs CPU per step (writer thread included)");
Console.WriteLine($"   a training step costs {stepWall * 1000:F0} µs wall, {stepCpu * 1000:F0} µs CPU: tracking = " +
                  $"{trackerWallPerStep / stepWall * 100:F3} % of an epoch's wall time, {trackerCpuPerStep / stepCpu * 100:F3} % of its CPU time");
tracker.Dispose();
Directory.Delete(folder, recursive: true);
