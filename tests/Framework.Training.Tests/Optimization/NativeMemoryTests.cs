using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Optimization;

/// <summary>A step of the services leaves no native tensor behind, whatever the algorithm and option.</summary>
public sealed class NativeMemoryTests
{
    [Theory]
    [InlineData("adam", 0.0, 1, 0.0)]
    [InlineData("adamw", 0.5, 2, 0.9)]
    [InlineData("sgd", 0.0, 1, 0.0)]
    [InlineData("sgd", 0.5, 3, 0.99)]
    [InlineData("rmsprop", 0.5, 1, 0.9)]
    public void AHundredStepsLeaveTheLiveTensorCountUnchanged(string name, double clip, int accumulate, double ema)
    {
        using var network = new TinyNetwork();
        var settings = new OptimizerSettings(name, 0.01, Momentum: name == "adam" || name == "adamw" ? 0 : 0.9, GradientClip: clip);
        using var services = Services.Single(settings, new ScheduleOptions { Name = ScheduleName.Cosine, WarmupSteps = 5 }, stepsPerEpoch: 20, epochs: 10,
            accumulate: accumulate, ema: new EmaOptions { Decay = ema });
        var optimizer = services.Create(network.Parameters());
        services.CompleteRegistration();
        long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Train(services, optimizer, network, 0, 2);
        var before = Live();
        Train(services, optimizer, network, 2, 102);

        Assert.Equal(before, Live());
    }

    private static void Train(TrainingServices services, IOptimizer optimizer, TinyNetwork network, int from, int to)
    {
        for (var step = from; step < to; step++)
        {
            using var scope = NewDisposeScope();
            services.BeginStep(step, lastBatchOfEpoch: step % 20 == 19);
            optimizer.Minimize(network.Loss());
            services.EndStep(step + 1);
            using (services.UseAveragedWeights())
                network.Loss();
        }
    }
}
