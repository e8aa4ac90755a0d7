using Autofac;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.BarsAndStripes;
using Framework.Plugins.Rbm.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Scenarios;

public sealed class RbmModelTests
{
    [Theory]
    [InlineData(TrainingMethod.Cd, VisibleUnits.Bernoulli, false)]    // the buffered binary update
    [InlineData(TrainingMethod.Pcd, VisibleUnits.Bernoulli, false)]
    [InlineData(TrainingMethod.Cd, VisibleUnits.Bernoulli, true)]     // the general path
    [InlineData(TrainingMethod.Pcd, VisibleUnits.Bernoulli, true)]
    [InlineData(TrainingMethod.Pcd, VisibleUnits.Gaussian, true)]
    public void AModelRestoredFromItsStateContinuesTrainingExactlyAsTheOriginal(TrainingMethod method, VisibleUnits units, bool sparse)
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var options = new RbmOptions { Hidden = 8, Method = method, Visible = units, LearnSigma = units == VisibleUnits.Gaussian, SparsityTarget = sparse ? 0.1 : 0, SparsityCost = 0.01 };
        var first = new RunContext(data, 10, 3, RunContext.ReferenceSgd(), seed: 4, sink);
        using var original = new RbmModel(options, first);
        TrainingLoop.Run(original, first);
        var state = new MemoryStream();
        original.SaveState(new BinaryWriter(state));

        var second = new RunContext(data, 10, 3, RunContext.ReferenceSgd(), seed: 99, sink);
        using var restored = new RbmModel(options, second);
        state.Position = 0;
        restored.LoadState(new BinaryReader(state));
        second.Generator.set_state(first.Generator.get_state());
        (second.GlobalStep, second.Epoch) = (first.GlobalStep, first.Epoch);
        using var batch = data.TrainX.narrow(0, 0, 10);
        using (NewDisposeScope())
        {
            original.TrainStep(new(batch, null), first);
            restored.TrainStep(new(batch, null), second);
        }

        Assert.True(original.Machine.Weights.eq(restored.Machine.Weights).all().item<bool>());
        Assert.True(original.Machine.HiddenBias.eq(restored.Machine.HiddenBias).all().item<bool>());
        if (method == TrainingMethod.Pcd)
            Assert.True(original.NegativePhase.PersistentChains!.eq(restored.NegativePhase.PersistentChains!).all().item<bool>());
    }

    [Fact]
    public void AStateOfAnotherShapeIsRejectedWithTheNameOfTheMismatchedTensor()
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        using var smallRun = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 1, sink);
        using var largeRun = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 1, sink);
        using var small = new RbmModel(new RbmOptions { Hidden = 4 }, smallRun);
        using var large = new RbmModel(new RbmOptions { Hidden = 5 }, largeRun);
        var state = new MemoryStream();
        small.SaveState(new BinaryWriter(state));
        state.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => large.LoadState(new BinaryReader(state)));
        Assert.Contains("weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrainingStepLeavesNoTensorAliveBeyondItsDisposeScope()
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var context = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 1, sink);
        using var model = new RbmModel(new RbmOptions { Hidden = 8, Method = TrainingMethod.Pcd, GibbsSteps = 3 }, context);
        using var batch = data.TrainX.narrow(0, 0, 10);
        using (NewDisposeScope())
            model.TrainStep(new(batch, null), context);

        DisposeScopeManager.Statistics.Reset();
        for (var i = 0; i < 5; i++)
        {
            using var scope = NewDisposeScope();
            model.TrainStep(new(batch, null), context);
        }

        Assert.Equal(0, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void SamplesHaveTheDatasetsShapeAndValues()
    {
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        var context = new RunContext(data, 10, 1, RunContext.ReferenceSgd(), seed: 1, sink);
        using var model = new RbmModel(new RbmOptions { Hidden = 8, SampleBurnIn = 5, SampleThinning = 2, SampleChains = 4 }, context);

        using var samples = model.Sample(10, context);

        Assert.Equal([10L, 4, 4], samples.shape);
        Assert.True(samples.eq(0).logical_or(samples.eq(1)).all().item<bool>());
    }

    [Fact]
    public void ThePluginDeclaresOneClosedFormGroupThatOnlySgdServes()
    {
        var group = Assert.Single(new RbmPlugin().OptimizerGroups(new RbmOptions()));

        Assert.Equal(OptimizerUpdate.ClosedForm, group.Update);
        Assert.Equal(["sgd"], group.Algorithms!);
        using var sink = new FolderArtifactSink();
        using var data = BarsAndStripes();
        using var context = new RunContext(data, 10, 1, new OptimizerSettings("adam"), seed: 1, sink);
        var error = Assert.Throws<ArgumentException>(() => new RbmPlugin().Create(new RbmOptions(), context));
        Assert.Contains("closed form by sgd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModuleRegistersTheRbmModelPlugin()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<RbmModule>();
        using var container = builder.Build();

        var plugins = container.Resolve<IEnumerable<IModelPlugin>>();

        Assert.Equal("rbm", Assert.Single(plugins).Name);
    }

    private static Contracts.Data.Dataset BarsAndStripes() =>
        new BarsAndStripesPlugin().Load(new BarsAndStripesOptions { Size = 4, Repeats = 2 }, new DatasetContext(1));
}
