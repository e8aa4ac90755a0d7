using System.Globalization;
using Autofac;
using Framework.Benchmarks.Rbm;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Idx;
using Framework.Plugins.Ising;
using Framework.Plugins.Rbm;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

// Usage: Rbm.Benchmark [throughput|loglik|ais-check|ising|kernels] [--threads 2] [--epochs N] [--hidden 256] [--seed 1]
//   throughput: CD-1 training samples/s of a 784x256 RBM, batch 64 (steady state: the first epoch is warm-up).
//   loglik:     CD-1 and PCD-1 for 10 epochs with the reference settings, then test/loglik by AIS (100 runs, 14,500 betas).
//               Options: --pcd-only 1, --cd-only 1, --lr-milli, --momentum-centi, --initial-momentum-centi, --chains, --linear-decay 1,
//               --ais-runs, --ais-steps.
//   ais-check:  784x16 RBMs after 5 epochs for several seeds: AIS against exact log Z.
//   ising:      an RBM on 8x8 Ising configurations at T = temperature-centi / 100: observables of data and samples.
//               Options: --epochs, --hidden, --k, --pcd, --lr-milli, --momentum-centi, --wd-micro, --samples, --chains, --all-data 1,
//               --final-lr-permille (final learning rate / initial, in 1/1000), --persistent (PCD chains; 0: batch size), --sample-from-data 1 (chains start at training data).
//   kernels:    times the pieces of a CD-1 step (matrix products, random numbers, element-wise passes).
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "throughput";
var threads = Option("--threads", 2);
var hidden = Option("--hidden", mode == "ais-check" ? 16 : 256);
var seed = Option("--seed", 1);
set_num_threads(threads);
Console.WriteLine($"rbm benchmark: mode {mode}, {get_num_threads()} threads");

using var data = mode is "ising" or "kernels" ? null : LoadBinarisedFashionMnist();
var artifacts = new FolderArtifacts(Path.Combine(Path.GetTempPath(), "rbm-benchmark"));
var plugin = new RbmPlugin();

switch (mode)
{
    case "throughput":
        Throughput(Option("--epochs", 3));
        break;
    case "loglik":
        foreach (var method in Option("--pcd-only", 0) == 1 ? new[] { TrainingMethod.Pcd } : Option("--cd-only", 0) == 1 ? [TrainingMethod.Cd] : [TrainingMethod.Cd, TrainingMethod.Pcd])
            LogLikelihood(method, Option("--epochs", 10));
        break;
    case "ais-check":
        for (var s = seed; s < seed + Option("--seeds", 3); s++)
            AisCheck(s, Option("--epochs", 5));
        break;
    case "kernels":
        KernelTimings.Print(hidden, Option("--batch", 64));
        break;
    case "ising":
        Ising(Option("--temperature-centi", 227) / 100.0, Option("--epochs", 50));
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'; use throughput, loglik or ais-check.");
        return 2;
}
return 0;

void Ising(double temperature, int epochs)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var isingOptions = new IsingOptions { Size = 8, Temperature = temperature, TrainSamples = 20_000, TestSamples = 10_000 };
    using var lattices = new IsingPlugin().Load(isingOptions, new BenchDatasetContext(seed));
    using var run = new BenchRun(lattices, Option("--batch", 64), epochs, new OptimizerSettings("sgd", Option("--lr-milli", 10) / 1000.0, Option("--momentum-centi", 90) / 100.0, Option("--wd-micro", 0) / 1e6), seed, artifacts,
        BenchRun.Hinton(linear: true, finalFactor: Option("--final-lr-permille", 100) / 1000.0));
    var options = new RbmOptions
    {
        Hidden = Option("--hidden", 64), Method = Option("--pcd", 1) == 1 ? TrainingMethod.Pcd : TrainingMethod.Cd, GibbsSteps = Option("--k", 10),
        PersistentChains = Option("--persistent", 0),
        SampleStart = Option("--sample-from-data", 0) == 1 ? SampleStart.Data : SampleStart.Noise,
        SampleBurnIn = 2000, SampleThinning = 20, SampleChains = Option("--chains", 1000),
    };
    using var model = plugin.Create(options, run);
    var generated = watch.Elapsed.TotalSeconds;
    for (var e = 0; e < epochs; e++)
        run.TrainEpoch(model);
    var trained = watch.Elapsed.TotalSeconds;
    using var scope = NewDisposeScope();
    Tensor samples;
    using (no_grad())
        samples = model.Sample(Option("--samples", 10_000), run);
    // --all-data 1 compares with all 30,000 Monte Carlo configurations (train and test) rather than the 10,000 test ones.
    using var reference = Option("--all-data", 0) == 1 ? cat([lattices.TrainX, lattices.TestX]) : lattices.TestX.alias();
    var fromData = lattices.Observables!.Compute(reference);
    var fromSamples = lattices.Observables.Compute(samples);
    Console.WriteLine($"T = {temperature}: data {generated:F1}s, training {trained - generated:F1}s, sampling {watch.Elapsed.TotalSeconds - trained:F1}s");
    foreach (var name in fromData.Keys)
        Console.WriteLine($"  {name,-18} data {fromData[name],9:F4}  samples {fromSamples[name],9:F4}  relative difference {fromSamples[name] / fromData[name] - 1,8:P2}");
}

void Throughput(int epochs)
{
    using var run = new BenchRun(data!, 64, epochs, Sgd(), seed, artifacts, BenchRun.Hinton());
    using var model = plugin.Create(new RbmOptions { Hidden = hidden, Method = TrainingMethod.Cd }, run);
    var process = System.Diagnostics.Process.GetCurrentProcess();
    var cpuTimes = new List<double>();
    var times = Enumerable.Range(0, epochs).Select(_ =>
    {
        var cpuBefore = process.TotalProcessorTime;
        var wall = run.TrainEpoch(model);
        process.Refresh();
        cpuTimes.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        return wall;
    }).ToList();
    var steady = times.Count > 1 ? times.Skip(1).Average() : times[0];
    var samples = data!.TrainX.shape[0];
    Console.WriteLine($"epoch times (s): {string.Join(", ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}");
    // On a machine shared with other work, CPU seconds per epoch measure the implementation; wall time measures the load.
    var steadyCpu = cpuTimes.Count > 1 ? cpuTimes.Skip(1).Average() : cpuTimes[0];
    Console.WriteLine($"SUMMARY rbm_torchsharp: CD-1 784x{hidden} batch 64, {get_num_threads()} threads: {samples / steady:F0} samples/s (steady, mean of epochs 2..{epochs}); " +
                      $"{samples / steadyCpu:F0} samples per CPU second");
}

void LogLikelihood(TrainingMethod method, int epochs)
{
    var optimizer = Sgd() with { LearningRate = Option("--lr-milli", 50) / 1000.0, Momentum = Option("--momentum-centi", 90) / 100.0 };
    var options = new RbmOptions
    {
        Hidden = hidden, Method = method, PersistentChains = Option("--chains", 0),
        AisRuns = Option("--ais-runs", 100), AisSteps = Option("--ais-steps", 14_500),
    };
    var schedule = BenchRun.Hinton(linear: Option("--linear-decay", 0) == 1);
    schedule.MomentumWarmup.Start = Option("--initial-momentum-centi", 50) / 100.0;
    using var run = new BenchRun(data!, 64, epochs, optimizer, seed, artifacts, schedule);
    using var model = plugin.Create(options, run);
    var train = Enumerable.Range(0, epochs).Sum(_ => run.TrainEpoch(model));
    var watch = System.Diagnostics.Stopwatch.StartNew();
    IReadOnlyDictionary<string, double> metrics;
    using (no_grad())
        metrics = model.Evaluate(run);
    Console.WriteLine($"{method.ToString().ToLowerInvariant()}: train {train:F1}s ({data!.TrainX.shape[0] * epochs / train:F0} samples/s), evaluate {watch.Elapsed.TotalSeconds:F1}s");
    Console.WriteLine("  " + string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value:F3}")));
}

void AisCheck(long runSeed, int epochs)
{
    using var run = new BenchRun(data!, 64, epochs, Sgd(), runSeed, artifacts, BenchRun.Hinton(momentumEpochs: 2));
    using var model = plugin.Create(new RbmOptions { Hidden = hidden, AisWhenExact = true }, run);
    for (var e = 0; e < epochs; e++)
        run.TrainEpoch(model);
    IReadOnlyDictionary<string, double> metrics;
    using (no_grad())
        metrics = model.Evaluate(run);
    Console.WriteLine($"seed {runSeed}: log Z exact {metrics["log_z/exact"]:F4}, AIS {metrics["log_z/ais"]:F4} [{metrics.GetValueOrDefault("log_z/ais_lower", double.NaN):F4}, {metrics["log_z/ais_upper"]:F4}], " +
                      $"AIS - exact {metrics["log_z/ais"] - metrics["log_z/exact"]:+0.0000;-0.0000}, test/loglik {metrics["test/loglik"]:F2}");
}

OptimizerSettings Sgd() => new("sgd", LearningRate: 0.05, Momentum: 0.9, WeightDecay: 2e-4);

Dataset LoadBinarisedFashionMnist()
{
    var builder = new ContainerBuilder();
    builder.RegisterModule<IdxModule>();
    using var container = builder.Build();
    var idx = container.Resolve<IEnumerable<IDatasetPlugin>>().Single(p => p.Name == "idx");
    var options = new IdxOptions { Binarize = Binarization.Threshold, Shape = ImageShape.Flat };
    return idx.Load(options, new BenchDatasetContext(seed));
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed class BenchDatasetContext(long seed) : IDatasetContext
{
    public Generator Generator { get; } = new((ulong)seed);

    public long Seed => seed;

    public string CacheDirectory => Path.GetTempPath();

    public Microsoft.Extensions.Logging.ILogger Logger => NullLogger.Instance;
}
