using Framework.Host.Experiments;
using Framework.Training.Options;
using Framework.Host.Tests.Support;
using Framework.Host.Tracking;
using Framework.Host.Training;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace Framework.Host.Tests.Training;

[Collection(InProcessTraining.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fw-trainer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingSettings Settings(int epochs = 2, int batch = 64) => new()
    {
        Epochs = epochs, BatchSize = batch, Seed = 7, LogEvery = 10, Threads = 1, SampleCount = 16,
        Optimizer = new OptimizerOptions { Lr = 1e-3 },
    };

    [Fact]
    public void AGanShapedPluginWithTwoOptimisersTrainsWithoutHostChanges()
    {
        var tracker = new RecordingTracker();
        var request = FixtureRuns.Request("gan-fixture", Settings(), tracker, _root);

        var outcome = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(_ => { })).Run(request, CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Equal(2 * 64, outcome.GlobalStep); // 4096 examples / 64 per batch, two epochs
        // Logged every 10 steps and at each epoch's end (64, 128): 14 points. The fixture returns nothing on the steps
        // the trainer says it will not read, so a point is missing wherever the trainer's promise and its reads differ.
        Assert.Equal(14, tracker.Values("train/g_loss").Count());
        Assert.Equal(14, tracker.Values("train/d_loss").Count());
        Assert.Equal([1.0, 2.0], tracker.Values("epoch"));
        Assert.All(tracker.Values("throughput/samples_per_s"), v => Assert.True(v > 0));
        Assert.Equal(2, tracker.Values("test/nearest_distance").Count());
        Assert.Contains(tracker.Artifacts, a => a.ArtifactPath == "samples/final.npy");
        // Sampled once, at the end (sample_every defaults to 0), and timed.
        Assert.Single(tracker.Values("timing/sample_ms_per_example"));
        Assert.All(tracker.Values("timing/sample_ms_per_example"), v => Assert.True(v > 0));
        Assert.Contains(tracker.Artifacts, a => a.ArtifactPath == "checkpoints/final.ckpt");
        Assert.True(File.Exists(request.Folder.LastCheckpoint));
    }

    [Fact]
    public void ADiffusionShapedPluginWithALongSamplingLoopTrainsAndSamples()
    {
        var tracker = new RecordingTracker();
        var request = FixtureRuns.Request("diffusion-fixture", Settings(epochs: 1), tracker, _root);

        var outcome = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(_ => { })).Run(request, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Single(tracker.Values("test/loss"));
        string samples = Path.Combine(request.Folder.ArtifactDirectory, "samples", "final.npy");
        Assert.True(File.Exists(samples));
        Assert.Equal(128 + 16 * 2 * 4, new FileInfo(samples).Length); // 128-byte .npy header, 16 samples x 2 floats
    }

    [Fact]
    public void TheLiveNativeTensorCountIsUnchangedAfterAHundredTrainingSteps()
    {
        var live = new List<long>();
        var request = FixtureRuns.Request("gan-fixture", Settings(epochs: 1, batch: 32), new RecordingTracker(), _root);
        var trainer = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(s =>
        {
            if (s.GlobalStep is 1 or 101)
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }));

        var outcome = trainer.Run(request, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Equal(2, live.Count);
        Assert.Equal(live[0], live[1]);
    }

    [Fact]
    public void AnInterruptedRunSavesACheckpointAndResumesToTheSameResultAsAnUninterruptedOne()
    {
        var straight = new RecordingTracker();
        new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(_ => { }))
            .Run(FixtureRuns.Request("gan-fixture", Settings(), straight, _root), CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        var first = new RecordingTracker();
        var interrupted = FixtureRuns.Request("gan-fixture", Settings(), first, _root);
        var killed = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(s =>
        {
            if (s.GlobalStep == 90) cancel.Cancel(); // mid-way through the second epoch
        })).Run(interrupted, cancel.Token);
        Assert.Equal(RunStatus.Killed, killed.Status);
        Assert.Equal(90, killed.GlobalStep);
        Assert.Equal(90, CheckpointFile.ReadHeader(interrupted.Folder.LastCheckpoint).GlobalStep);

        var second = new RecordingTracker();
        var resumed = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(_ => { }))
            .Run(FixtureRuns.Request("gan-fixture", Settings(), second, _root, interrupted.Folder.LastCheckpoint, interrupted.Folder), CancellationToken.None);

        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(128, resumed.GlobalStep);
        Assert.Equal(straight.Values("test/nearest_distance").Last(), second.Values("test/nearest_distance").Last());
        Assert.Equal(straight.Values("train/loss").Last(), second.Values("train/loss").Last());
    }

    [Fact]
    public void ANanLossFailsTheRunWithTheReason()
    {
        var tracker = new RecordingTracker();
        var settings = Settings(epochs: 1);
        settings.Optimizer = new OptimizerOptions { Name = "sgd", Lr = 9.0, Momentum = 0.99 };
        var request = FixtureRuns.Request("diffusion-fixture", settings, tracker, _root);

        var outcome = new Trainer(NullLoggerFactory.Instance, () => new CallbackProgress(_ => { })).Run(request, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        var diverged = Assert.IsType<TrainingDivergedException>(outcome.Error);
        Assert.Contains("train/loss became", diverged.Message);
    }
}
