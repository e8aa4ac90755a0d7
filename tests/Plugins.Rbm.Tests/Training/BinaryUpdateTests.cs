using Framework.Contracts.Models;
using Framework.Plugins.BarsAndStripes;
using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Training;

/// <summary>The buffered update of binary RBMs must be exactly the closed-form CD/PCD update with momentum and weight
/// decay, computed from the samples it drew, and must not depend on whether the host reads the step's metrics.</summary>
public sealed class BinaryUpdateTests
{
    [Theory]
    [InlineData(TrainingMethod.Cd, 1, 0)]
    [InlineData(TrainingMethod.Cd, 3, 0)]
    [InlineData(TrainingMethod.Pcd, 2, 7)]
    public void TheUpdateIsThePositiveMinusNegativePhaseOfItsOwnSamplesWithMomentumAndWeightDecay(TrainingMethod method, int gibbsSteps, int chains)
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var sgd = RunContext.ReferenceSgd(learningRate: 0.1, weightDecay: 0.01);
        var context = new RunContext(data, 10, 1, sgd, seed: 5, sink);
        var options = new RbmOptions { Hidden = 6, Method = method, GibbsSteps = gibbsSteps, PersistentChains = chains };
        using var model = new RbmModel(options, context);
        Assert.NotNull(model.BinaryUpdate);
        using var batch = data.TrainX.narrow(0, 3, 10);
        using (NewDisposeScope())
            model.TrainStep(new(batch, null), context);   // non-zero velocities and moved chains for the step under test

        using var scope = NewDisposeScope();
        using var before = new BernoulliRbm(model.Machine.Weights.clone(), model.Machine.VisibleBias.clone(), model.Machine.HiddenBias.clone());
        var weightVelocity = ModelVelocity(model, "weights_velocity");
        var visibleVelocity = ModelVelocity(model, "visible_bias_velocity");
        var hiddenVelocity = ModelVelocity(model, "hidden_bias_velocity");
        model.TrainStep(new(batch, null), context);

        var update = model.BinaryUpdate!;
        var n = batch.shape[0];
        var m = update.LastVisible.shape[0] - n;
        Assert.Equal(method == TrainingMethod.Pcd ? chains : n, m);
        var dataRows = update.LastVisible.narrow(0, 0, n);
        var samples = update.LastVisible.narrow(0, n, m);
        Assert.True(dataRows.eq(batch.reshape(n, -1)).all().item<bool>());
        Assert.True(samples.eq(0).logical_or(samples.eq(1)).all().item<bool>());
        var expectedHidden = cat([before.HiddenProbability(dataRows), before.HiddenProbability(samples) * (-(double)n / m)]);
        AssertClose(expectedHidden, update.LastHidden);

        var gradient = before.Gradient(dataRows, before.HiddenProbability(dataRows), samples, before.HiddenProbability(samples));
        var (lr, momentum, decay) = (sgd.LearningRate, 0.5, sgd.WeightDecay);
        var expectedWeightVelocity = weightVelocity * momentum + gradient.Weights * lr - before.Weights * (lr * decay);
        var expectedVisibleVelocity = visibleVelocity * momentum + gradient.VisibleBias * lr;
        var expectedHiddenVelocity = hiddenVelocity * momentum + gradient.HiddenBias * lr;
        AssertClose(before.Weights + expectedWeightVelocity, model.Machine.Weights);
        AssertClose(before.VisibleBias + expectedVisibleVelocity, model.Machine.VisibleBias);
        AssertClose(before.HiddenBias + expectedHiddenVelocity, model.Machine.HiddenBias);
        if (method == TrainingMethod.Pcd)
            Assert.True(model.NegativePhase.PersistentChains!.eq(samples).all().item<bool>());
    }

    [Fact]
    public void AStepWhoseMetricsTheHostSkipsReturnsNothingAndUpdatesExactlyAsAReportedOne()
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var reported = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 8, sink);
        var skipped = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 8, sink) { ReportsMetrics = false };
        var options = new RbmOptions { Hidden = 6, Method = TrainingMethod.Pcd };
        using var first = new RbmModel(options, reported);
        using var second = new RbmModel(options, skipped);
        using var batch = data.TrainX.narrow(0, 0, 10);

        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var withMetrics = first.TrainStep(new(batch, null), reported);
            var withoutMetrics = second.TrainStep(new(batch, null), skipped);
            Assert.Equal(["train/free_energy", "train/loss", "train/recon_error"], withMetrics.Scalars.Keys.Order(StringComparer.Ordinal));
            Assert.Empty(withoutMetrics.Scalars);
        }

        Assert.True(first.Machine.Weights.eq(second.Machine.Weights).all().item<bool>());
        Assert.True(first.NegativePhase.PersistentChains!.eq(second.NegativePhase.PersistentChains!).all().item<bool>());
    }

    [Fact]
    public void TheReportedReconstructionErrorIsTheMeanFieldOneAsInEvaluation()
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var context = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 2, sink);
        using var model = new RbmModel(new RbmOptions { Hidden = 6 }, context);
        using var batch = data.TrainX.narrow(0, 0, 10);
        using var scope = NewDisposeScope();
        var v = batch.reshape(10, -1);
        var expected = (v - model.Machine.VisibleMean(model.Machine.HiddenProbability(v))).square().sum(1).mean().item<float>();

        var output = model.TrainStep(new(batch, null), context);

        Assert.Equal(expected, output.Scalars["train/recon_error"].item<float>(), 4);
    }

    private static Tensor ModelVelocity(RbmModel model, string name) => model.StateTensor(name).clone();

    private static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True(allclose(expected, actual, rtol: 1e-5, atol: 1e-6), $"max difference {(expected - actual).abs().max().item<float>()}");

    private static Contracts.Data.Dataset BarsAndStripes() =>
        new BarsAndStripesPlugin().Load(new BarsAndStripesOptions { Size = 4, Repeats = 2 }, new DatasetContext(1));
}
