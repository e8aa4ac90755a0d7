using Framework.Host.Tests.Support;
using Framework.Host.Tracking;
using Framework.Host.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.Host.Tests.Training;

/// <summary>The training services as experiment files reach them through the trainer: named optimiser groups, schedules,
/// accumulation, the weight average and early stopping, on the fixture GAN and diffusion plugins.</summary>
[Collection(InProcessTraining.Name)]
public sealed class TrainingServicesTrainerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Trainer Trainer(Action<ProgressSnapshot>? progress = null) =>
        new(NullLoggerFactory.Instance, () => new CallbackProgress(progress ?? (_ => { })));

    private Framework.Host.Experiments.ExperimentDefinition Load(string yaml, params string[] overrides)
    {
        var result = FixtureRuns.Load(_folder.Write("experiment.yaml", yaml), overrides);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    [Fact]
    public void TheGanConfiguresItsGeneratorAndDiscriminatorGroupsEachWithItsOwnLearningRateAndSchedule()
    {
        var experiment = Load("""
            model: {plugin: gan-fixture}
            dataset: {plugin: gaussian-ring, train_count: 1024}
            training:
              epochs: 2
              threads: 1
              log_every: 1
              optimizer: {name: adam, lr: 0.001, beta1: 0.5}
              optimizers:
                generator: {lr: 0.0002}
                discriminator: {lr: 0.0004, schedule: {name: linear, final_factor: 0.5}}
            """);
        var tracker = new RecordingTracker();

        var outcome = Trainer().Run(FixtureRuns.Request(experiment, tracker, _folder.Path), CancellationToken.None);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Equal(0.5, experiment.Training.Optimizers["generator"].Beta1);  // inherited from training.optimizer
        Assert.Equal("adam", experiment.Training.Optimizers["discriminator"].Name);
        var generator = tracker.Metrics.Where(m => m.Key == "train/lr/generator").ToList();
        var discriminator = tracker.Metrics.Where(m => m.Key == "train/lr/discriminator").ToList();
        Assert.Equal(32, generator.Count);  // 16 steps an epoch, every step logged
        Assert.All(generator, m => Assert.Equal(0.0002, m.Value, 12));
        // Linear from 4e-4 to half of it over the 32 steps; the value logged at step k is the rate of step k - 1.
        Assert.All(discriminator, m => Assert.Equal(0.0004 * (1 + (0.5 - 1) * (m.Step - 1) / 32.0), m.Value, 12));
        Assert.DoesNotContain(tracker.Metrics, m => m.Key == "train/lr");
    }

    [Fact]
    public void AMisspeltOptimiserGroupIsRejectedWithTheGroupsTheModelDeclares()
    {
        var path = _folder.Write("typo.yaml", """
            model: {plugin: gan-fixture}
            dataset: {plugin: gaussian-ring}
            training:
              optimizers:
                generatr: {lr: 0.0002}
            """);

        var result = FixtureRuns.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}:5:5: training.optimizers.generatr: model plugin 'gan-fixture' declares no optimiser group 'generatr'; " +
                     "declared: generator, discriminator; did you mean 'generator'?", error.ToString());
    }

    [Fact]
    public void EarlyStoppingEndsAStalledRunFinishedAndTagsTheEpochItStoppedAfter()
    {
        // No change can beat a min_delta this large: the first evaluation sets the best, the next two are stale.
        var experiment = Load("""
            model: {plugin: diffusion-fixture, timesteps: 20}
            dataset: {plugin: gaussian-ring, train_count: 512}
            training:
              epochs: 10
              threads: 1
              early_stopping: {metric: test/loss, patience: 2, min_delta: 1000000}
            """);
        var tracker = new RecordingTracker();
        var request = FixtureRuns.Request(experiment, tracker, _folder.Path);

        var outcome = Trainer().Run(request, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Equal(3 * 8, outcome.GlobalStep);
        Assert.Equal("true", tracker.Tags["framework.stopped_early"]);
        Assert.Equal("3", tracker.Tags["framework.stopped_early.epoch"]);
        Assert.Contains("test/loss did not improve", tracker.Tags["framework.stopped_early.reason"]);
        Assert.Equal([1.0, 2.0, 3.0], tracker.Values("epoch"));
        Assert.Contains(tracker.Artifacts, a => a.ArtifactPath == "samples/final.npy");
        Assert.Equal(4, tracker.Values("test/loss").Count());  // three during training, then the final evaluation
        Assert.Equal(3, CheckpointFile.ReadHeader(request.Folder.LastCheckpoint).Epoch);
    }

    [Fact]
    public void AnEarlyStoppingMetricTheModelDoesNotReportFailsTheRunNamingTheMetricsItDoes()
    {
        var experiment = Load("""
            model: {plugin: diffusion-fixture, timesteps: 20}
            dataset: {plugin: gaussian-ring, train_count: 256}
            training: {epochs: 3, threads: 1, early_stopping: {metric: test/loglik}}
            """);

        var outcome = Trainer().Run(FixtureRuns.Request(experiment, new RecordingTracker(), _folder.Path), CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Contains("'test/loglik' is not among the run's metrics; its evaluation reports: test/loss", outcome.Error!.Message);
    }

    [Fact]
    public void ARunInterruptedInsideAnAccumulationWindowWithAScheduleAndAnAverageResumesToTheSameResult()
    {
        const string Yaml = """
            model: {plugin: gan-fixture}
            dataset: {plugin: gaussian-ring, train_count: 1024}
            training:
              epochs: 4
              threads: 1
              log_every: 5
              accumulate_batches: 3
              optimizer: {name: adamw, lr: 0.002, weight_decay: 0.01}
              schedule: {name: cosine, warmup_epochs: 1, final_factor: 0.1}
              ema: {decay: 0.9, start_step: 4}
            """;
        var straight = new RecordingTracker();
        Assert.Equal(RunStatus.Finished, Trainer().Run(FixtureRuns.Request(Load(Yaml), straight, _folder.Path), CancellationToken.None).Status);

        // 16 steps an epoch, windows of 3 starting at each epoch: after step 37 (32 + 5) two batches of a window are summed.
        using var cancel = new CancellationTokenSource();
        var first = FixtureRuns.Request(Load(Yaml), new RecordingTracker(), _folder.Path);
        var killed = Trainer(s => { if (s.GlobalStep == 37) cancel.Cancel(); }).Run(first, cancel.Token);
        Assert.Equal(RunStatus.Killed, killed.Status);

        var second = new RecordingTracker();
        var resumed = Trainer().Run(FixtureRuns.Request(Load(Yaml), second, _folder.Path, first.Folder.LastCheckpoint, first.Folder), CancellationToken.None);

        Assert.Equal(RunStatus.Finished, resumed.Status);
        foreach (var key in new[] { "test/nearest_distance", "train/loss", "train/lr/generator", "train/lr/discriminator" })
            Assert.Equal(straight.Values(key).Last(), second.Values(key).Last());
    }
}
