using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Optimization;

/// <summary>Saving the services mid-run (mid accumulation window, with a schedule and an average) and loading them into a
/// fresh model continues exactly as an uninterrupted run.</summary>
public sealed class CheckpointTests
{
    private static TrainingServices Build() => Services.Single(
        new OptimizerSettings("adamw", 0.01, WeightDecay: 0.01),
        new ScheduleOptions { Name = ScheduleName.Cosine, WarmupSteps = 3, FinalFactor = 0.1 },
        stepsPerEpoch: 8, epochs: 2, accumulate: 3, ema: new EmaOptions { Decay = 0.8, StartStep = 1 });

    private static void Train(TrainingServices services, IOptimizer optimizer, TinyNetwork network, int from, int to)
    {
        for (var step = from; step < to; step++)
        {
            using var scope = NewDisposeScope();
            services.BeginStep(step, lastBatchOfEpoch: step % 8 == 7);
            optimizer.Minimize(network.Loss(step % 4 * 8, 8));
            services.EndStep(step + 1);
        }
    }

    [Fact]
    public void ResumingFromAStateSavedInsideAnAccumulationWindowEqualsAnUninterruptedRun()
    {
        using var straightNet = new TinyNetwork();
        using var straight = Build();
        var straightOptimizer = straight.Create(straightNet.Parameters());
        straight.CompleteRegistration();
        Train(straight, straightOptimizer, straightNet, 0, 16);

        using var firstNet = new TinyNetwork();
        using var first = Build();
        var firstOptimizer = first.Create(firstNet.Parameters());
        first.CompleteRegistration();
        Train(first, firstOptimizer, firstNet, 0, 7);  // 7 = two updates and one batch into the third window
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var parameter in firstNet.Parameters())
                parameter.Save(writer);
            first.Save(writer);
        }

        stream.Position = 0;
        using var secondNet = new TinyNetwork(seed: 99);  // other weights: everything must come from the checkpoint
        using var second = Build();
        var secondOptimizer = second.Create(secondNet.Parameters());
        second.CompleteRegistration();
        using (var reader = new BinaryReader(stream))
        {
            using var noGrad = no_grad();
            foreach (var parameter in secondNet.Parameters())
                parameter.Load(reader);
            second.Load(reader);
        }

        Train(second, secondOptimizer, secondNet, 7, 16);
        Assert.Equal(straightNet.Snapshot(), secondNet.Snapshot());
        Assert.Equal(straightOptimizer.Steps, secondOptimizer.Steps);
        using (straight.UseAveragedWeights())
        using (second.UseAveragedWeights())
            Assert.Equal(straightNet.Snapshot(), secondNet.Snapshot());
    }

    [Fact]
    public void AStateOfAnotherAlgorithmIsRefusedNamingBoth()
    {
        using var network = new TinyNetwork();
        using var adam = Services.Single(new OptimizerSettings("adam"));
        adam.Create(network.Parameters());
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            adam.Save(writer);
        stream.Position = 0;
        using var other = new TinyNetwork();
        using var sgd = Services.Single(new OptimizerSettings("sgd"));
        sgd.Create(other.Parameters());
        var error = Assert.Throws<InvalidDataException>(() => sgd.Load(new BinaryReader(stream)));
        Assert.Contains("used adam; this run configures sgd", error.Message);
    }
}
