// Trains the `vae` plugin's MLP VAE (784-400-20; or with --architecture conv the Keras example) on Fashion-MNIST with the reference's settings and prints
// throughput, test figures and peak memory in the shape of ../../../shared/bench/vae.py's output, for a side-by-side run.
// Options: --threads 2 --epochs 10 --batch 128 --binarize --iwae-k 500 --eval-epochs 1,5,10 --seed 1
//          --lr 0.001 --output-bias default|data_mean --lr-schedule constant|cosine|exponential --lr-gamma 0.95
//          --final-lr-factor 0 --lr-warmup-epochs 0 --architecture mlp|conv
//          --artifacts FOLDER --tag NAME. The defaults are the reference's recipe.
using System.Diagnostics;
using System.Globalization;
using Autofac;
using Framework.Benchmarks.Vae;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Vae.Tests.Support;
using Framework.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using Framework.Plugins.Idx;
using Framework.Plugins.Vae;
using static TorchSharp.torch;

var settings = BenchmarkSettings.Parse(args);
set_num_threads(settings.Threads);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var builder = new ContainerBuilder();
builder.RegisterModule<IdxModule>();
builder.RegisterModule<VaeModule>();
using var container = builder.Build();
var datasetPlugin = container.Resolve<IEnumerable<IDatasetPlugin>>().Single(p => p.Name == "idx");
var modelPlugin = container.Resolve<IEnumerable<IModelPlugin>>().Single(p => p.Name == "vae");

using var generator = new Generator((ulong)settings.Seed);
IArtifactSink artifacts = settings.ArtifactsFolder is { } folder ? new FolderArtifactSink(folder) : new DiscardingArtifactSink();
var loading = new BenchmarkContext(null!, generator, settings.Batch, settings.Epochs, artifacts);
var loadClock = Stopwatch.StartNew();
using var data = datasetPlugin.Load(
    new IdxOptions
    {
        Shape = settings.Convolutional ? ImageShape.Image : ImageShape.Flat,
        Binarize = settings.Binarize ? Binarization.Threshold : Binarization.None,
    },
    loading);
Console.WriteLine($"loaded {data.TrainX.shape[0]} + {data.TestX.shape[0]} images in {loadClock.Elapsed.TotalSeconds:F2} s (peak RSS so far {PeakMemory.Megabytes():F0} MB; {PeakMemory.Breakdown()})");

// The host's training.optimizer and training.schedule, from the command line.
var schedule = new ScheduleOptions
{
    Name = Enum.Parse<ScheduleName>(settings.LrSchedule.Replace("_", ""), ignoreCase: true),
    Gamma = settings.LrGamma,
    FinalFactor = settings.FinalLrFactor,
    WarmupEpochs = settings.LrWarmupEpochs,
};
var stepsPerEpoch = (data.TrainX.shape[0] + settings.Batch - 1) / settings.Batch;
using var services = new TrainingServices(TrainingServicesSettings.Single(
    new OptimizerSettings("adam", LearningRate: settings.LearningRate), new TrainingClock(stepsPerEpoch, settings.Epochs), schedule));
var context = new BenchmarkContext(data, generator, settings.Batch, settings.Epochs, artifacts) { Services = services };
var options = new VaeOptions
{
    IwaeSamples = settings.IwaeK,
    LogImages = settings.ArtifactsFolder is not null,
    Architecture = settings.Convolutional ? VaeArchitecture.Conv : VaeArchitecture.Mlp,
    OutputBias = settings.OutputBiasFromData ? OutputBiasInit.DataMean : OutputBiasInit.Default,
};
using var model = modelPlugin.Create(options, context);
services.CompleteRegistration();

var count = data.TrainX.shape[0];
var epochSeconds = new List<double>();
var testNegativeElbo = new SortedDictionary<int, double>();
for (var epoch = 1; epoch <= settings.Epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    double epochLoss;
    using (var epochScope = NewDisposeScope())
    {
        var order = randperm(count, generator: generator);
        var total = zeros(1, float64);
        for (long start = 0; start < count; start += settings.Batch)
        {
            using var stepScope = NewDisposeScope();
            var index = order.narrow(0, start, Math.Min(settings.Batch, count - start));
            var batch = new Batch(data.TrainX.index_select(0, index), null);
            services.BeginStep(context.GlobalStep, lastBatchOfEpoch: start + settings.Batch >= count);
            var output = model.TrainStep(batch, context);
            total.add_(output.Scalars["train/loss"] * batch.Size);
            context.GlobalStep++;
            services.EndStep(context.GlobalStep);
        }

        epochLoss = total.item<double>() / count;
    }

    var seconds = clock.Elapsed.TotalSeconds;
    epochSeconds.Add(seconds);
    context.Epoch = epoch;
    var message = $"epoch {epoch}: {seconds:F2}s  {count / seconds:F0} samples/s  train loss {epochLoss:F2}  (peak RSS so far {PeakMemory.Megabytes():F0} MB; {PeakMemory.Breakdown()})";
    if (settings.EvalEpochs.Contains(epoch))
    {
        // As the host does before every evaluation: the two-thread step leaves the calling thread at one.
        set_num_threads(settings.Threads);
        using var evaluationScope = NewDisposeScope();
        using var noGrad = no_grad();
        testNegativeElbo[epoch] = model.Evaluate(context)["test/neg_elbo"];
        message += $"  test -ELBO {testNegativeElbo[epoch]:F2} nats";
    }

    Console.WriteLine(message);
    if (Environment.GetEnvironmentVariable("VAE_BENCH_TRIM") == "1")
    {
        PeakMemory.TrimHeap();
        Console.WriteLine($"  after malloc_trim: {PeakMemory.Breakdown()}");
    }
}

if (settings.ArtifactsFolder is not null)
{
    // What the host does at its sampling points: draw from the prior and save the grid.
    set_num_threads(settings.Threads);
    using var sampleScope = NewDisposeScope();
    using var noGrad = no_grad();
    artifacts.LogImageGrid("samples/final.png", model.Sample(64, context), columns: 8);
}

var steady = epochSeconds.Count > 1 ? epochSeconds.Skip(1).Average() : epochSeconds[0];
var samplesPerSecond = count / steady;
var iwae = double.NaN;
var iwaeSeconds = 0.0;
if (settings.IwaeK > 0)
{
    using var evaluationScope = NewDisposeScope();
    using var noGrad = no_grad();
    context.IsFinal = true;
    set_num_threads(settings.Threads);
    var clock = Stopwatch.StartNew();
    iwae = model.Evaluate(context)["test/iwae_loglik"];
    iwaeSeconds = clock.Elapsed.TotalSeconds;
}

Console.WriteLine(
    $"SUMMARY {settings.Tag}: threads={get_num_threads()} steady {samplesPerSecond:F0} samples/s ({steady:F2} s/epoch) " +
    $"test -ELBO@[{string.Join(", ", testNegativeElbo.Keys)}]=[{string.Join(", ", testNegativeElbo.Values.Select(v => v.ToString("F2")))}] " +
    $"IWAE(k={settings.IwaeK}) logp={iwae:F2} nats ({iwaeSeconds:F1} s)  peakRSS={PeakMemory.Megabytes():F0} MB");
