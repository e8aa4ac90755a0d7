using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Averaging;

public sealed class WeightAverageTests
{
    [Fact]
    public void TheAverageStartsAsACopyFollowsItsFormulaAndIsSwappedInOnlyInsideItsScope()
    {
        using var network = new TinyNetwork();
        using var services = Services.Single(new OptimizerSettings("sgd", 0.1), ema: new EmaOptions { Decay = 0.9, StartStep = 2, Every = 1 });
        var optimizer = services.Create(network.Parameters());
        services.CompleteRegistration();
        double[]? average = null;
        for (var step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            services.BeginStep(step, false);
            optimizer.Minimize(network.Loss());
            services.EndStep(step + 1);
            var weights = network.Snapshot();
            if (step + 1 == 2)
                average = weights;
            else if (average is not null)
                average = average.Zip(weights, (a, w) => 0.9 * a + 0.1 * w).ToArray();
            Assert.Equal(step + 1 >= 2, services.AveragedWeightsActive);
        }

        var raw = network.Snapshot();
        using (services.UseAveragedWeights())
            Services.AssertClose(average!, network.Snapshot(), 1e-5);
        Assert.Equal(raw, network.Snapshot());
    }

    [Fact]
    public void WithWarmUpTheNthUpdateDecaysByOnePlusNOverTenPlusNUntilTheConfiguredDecay()
    {
        using var network = new TinyNetwork();
        using var services = Services.Single(new OptimizerSettings("sgd", 0.1), ema: new EmaOptions { Decay = 0.3, Warmup = true });
        var optimizer = services.Create(network.Parameters());
        services.CompleteRegistration();
        double[]? average = null;
        for (var step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.Minimize(network.Loss());
            services.EndStep(step + 1);
            var weights = network.Snapshot();
            // Update n (0 = the copy that starts it) decays by min(0.3, (1 + n) / (10 + n)): 0.182, 0.25, then 0.3.
            var decay = Math.Min(0.3, (1.0 + step) / (10.0 + step));
            average = average is null ? weights : average.Zip(weights, (a, w) => decay * a + (1 - decay) * w).ToArray();
        }

        using (services.UseAveragedWeights())
            Services.AssertClose(average!, network.Snapshot(), 1e-5);
    }

    [Fact]
    public void AGroupDeclaredNotAveragedKeepsItsWeightsDuringEvaluation()
    {
        using var kept = new TinyNetwork(seed: 1);
        using var averaged = new TinyNetwork(seed: 2);
        var groups = new[] { new OptimizerGroup("generator", "g"), new OptimizerGroup("discriminator", "d") { Averaged = false } };
        using var services = new TrainingServices(new TrainingServicesSettings(
            groups.Select(g => new ConfiguredGroup(g, new OptimizerSettings("sgd", 0.5), new ScheduleOptions())).ToList(),
            new Framework.Training.Schedules.TrainingClock(10, 1), 1, new EmaOptions { Decay = 0.5 }));
        var g = services.Create("generator", averaged.Parameters());
        var d = services.Create("discriminator", kept.Parameters());
        services.CompleteRegistration();
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            g.Minimize(averaged.Loss());
            d.Minimize(kept.Loss());
            services.EndStep(step + 1);
        }

        var (keptWeights, averagedWeights) = (kept.Snapshot(), averaged.Snapshot());
        using (services.UseAveragedWeights())
        {
            Assert.Equal(keptWeights, kept.Snapshot());
            Assert.NotEqual(averagedWeights, averaged.Snapshot());
        }
    }
}
