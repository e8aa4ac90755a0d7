using System.Diagnostics;
using System.Globalization;
using Framework.Host.Tracking;
using Framework.Host.Tracking.Benchmarks;
using Framework.Host.Tracking.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

// Tracking cost per epoch when four metrics are logged every step through the SQLite tracker.
// Epochs with and without tracking alternate, so drift of the machine affects both alike; medians are compared.
var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var folder = Path.Combine(Path.GetTempPath(), "tracking-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
Console.WriteLine($"torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}, steps per epoch: {steps}, repeats: {repeats}");

using var loop = new TrainingLoop(examples: 6400, batch: 64, seed: 1);
loop.Run(200, null); // warm-up: JIT, allocator, libtorch kernels

using var tracker = new MlflowExperimentTracker(SqliteTrackingStore.Open(Path.Combine(folder, "mlflow.db")), NullLogger.Instance);
var without = new List<double>();
var with = new List<double>();
var callTicks = 0L;
var calls = 0L;
for (var repeat = 0; repeat < repeats; repeat++)
{
    var clock = Stopwatch.StartNew();
    loop.Run(steps, (_, loss, nll) => GC.KeepAlive(loss + nll));
    without.Add(clock.Elapsed.TotalMilliseconds);

    using var run = tracker.StartRun(new RunStartRequest("bench", $"epoch-{repeat}", new Dictionary<string, string>()));
    clock.Restart();
    var samplesPerStep = 64.0;
    loop.Run(steps, (step, loss, nll) =>
    {
        var before = Stopwatch.GetTimestamp();
        run.LogMetrics(new Dictionary<string, double>
        {
            ["train/loss"] = loss,
            ["train/recon_error"] = nll,
            ["throughput/samples_per_s"] = samplesPerStep,
            ["epoch"] = repeat,
        }, step + (long)repeat * steps);
        callTicks += Stopwatch.GetTimestamp() - before;
        calls++;
    });
    run.Flush(); // the trainer flushes at every epoch end; its cost belongs to the epoch
    with.Add(clock.Elapsed.TotalMilliseconds);
    run.End(RunStatus.Finished);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
var (medianWithout, medianWith) = (Median(without), Median(with));
Console.WriteLine($"epoch without tracking (ms): {string.Join(", ", without.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"epoch with tracking    (ms): {string.Join(", ", with.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"median without: {medianWithout:F1} ms, median with: {medianWith:F1} ms, ratio {medianWith / medianWithout:F4} " +
                  $"(overhead {(medianWith / medianWithout - 1) * 100:F2} % of an epoch)");
Console.WriteLine($"LogMetrics on the training thread: {Stopwatch.GetElapsedTime(0, callTicks).TotalMicroseconds / calls:F2} µs per call " +
                  $"({Stopwatch.GetElapsedTime(0, callTicks).TotalMilliseconds / repeats:F1} ms per epoch, " +
                  $"{Stopwatch.GetElapsedTime(0, callTicks).TotalMilliseconds / repeats / medianWithout * 100:F3} % of an epoch)");
Console.WriteLine($"metric rows written: {4L * steps * repeats}");
tracker.Dispose();
Directory.Delete(folder, recursive: true);
