using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using Framework.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Optimization;

public sealed class GroupOptimizerTests
{
    [Fact]
    public void AccumulatingFourQuarterBatchesStepsAsOneWholeBatch()
    {
        var settings = new OptimizerSettings("adam", 0.01);
        using var whole = new TinyNetwork();
        using var quarters = new TinyNetwork();
        using var wholeServices = Services.Single(settings);
        using var quarterServices = Services.Single(settings, accumulate: 4);
        var one = wholeServices.Create(whole.Parameters());
        var four = quarterServices.Create(quarters.Parameters());

        for (var update = 0; update < 5; update++)
        {
            using var scope = NewDisposeScope();
            Assert.True(one.Minimize(whole.Loss()));
            for (var part = 0; part < 4; part++)
                Assert.Equal(part == 3, four.Minimize(quarters.Loss(part * 8, 8)));
        }

        Services.AssertClose(whole.Snapshot(), quarters.Snapshot(), 1e-5);
        Assert.Equal(5, four.Steps);
        Assert.False(four.ModelMayApplyUpdates);
        Assert.Throws<InvalidOperationException>(() => four.TakeStep());
    }

    [Fact]
    public void AnUnfinishedAccumulationWindowIsAppliedAtTheEndOfTheEpoch()
    {
        using var network = new TinyNetwork();
        using var services = Services.Single(new OptimizerSettings("sgd", 0.1), accumulate: 4);
        var optimizer = services.Create(network.Parameters());
        using var scope = NewDisposeScope();
        services.BeginStep(0, lastBatchOfEpoch: false);
        Assert.False(optimizer.Minimize(network.Loss()));
        services.BeginStep(1, lastBatchOfEpoch: true);
        Assert.True(optimizer.Minimize(network.Loss()));
    }

    [Fact]
    public void ClippingScalesTheGroupsGlobalGradientNormAsTorchDoes()
    {
        using var reference = new TinyNetwork();
        using var ours = new TinyNetwork();
        using var sgd = optim.SGD(reference.Parameters(), 0.5);
        using var services = Services.Single(new OptimizerSettings("sgd", 0.5, GradientClip: 0.05));
        var optimizer = services.Create(ours.Parameters());
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            sgd.zero_grad();
            reference.Loss().backward();
            var norm = nn.utils.clip_grad_norm_(reference.Parameters(), 0.05);
            Assert.True(norm > 0.05);  // clipping is active
            sgd.step();
            optimizer.Minimize(ours.Loss());
        }

        Services.AssertClose(reference.Snapshot(), ours.Snapshot(), 1e-5);
    }

    [Fact]
    public void EachGroupsBackwardReachesOnlyItsOwnParameters()
    {
        using var generator = new TinyNetwork(seed: 1);
        using var discriminator = new TinyNetwork(seed: 2);
        var groups = new[] { new OptimizerGroup("generator", "g"), new OptimizerGroup("discriminator", "d") };
        using var services = new TrainingServices(new TrainingServicesSettings(
            groups.Select(g => new ConfiguredGroup(g, new OptimizerSettings("sgd", 0.1), new ScheduleOptions())).ToList(),
            new TrainingClock(10, 1), 1, new EmaOptions()));
        var g = services.Create("generator", generator.Parameters());
        var d = services.Create("discriminator", discriminator.Parameters());
        services.CompleteRegistration();
        var before = discriminator.Snapshot();

        using var scope = NewDisposeScope();
        // A loss through both networks, minimised for the generator only: the discriminator keeps no gradient.
        var joint = discriminator.Layers.forward(generator.Layers.forward(generator.Inputs).expand(-1, 5)).square().mean();
        g.Minimize(joint);
        Assert.Equal(0.0, d.Flat!.Gradients.abs().sum().item<float>());
        Assert.Equal(before, discriminator.Snapshot());
        Assert.NotEqual(0.0, g.Flat!.Gradients.abs().sum().item<float>());
    }

    [Fact]
    public void AModuleZeroGradThatDropsTheGradientsDoesNotLoseTheUpdate()
    {
        using var reference = new TinyNetwork();
        using var ours = new TinyNetwork();
        using var sgd = optim.SGD(reference.Parameters(), 0.1);
        using var services = Services.Single(new OptimizerSettings("sgd", 0.1));
        var optimizer = services.Create(ours.Parameters());
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            sgd.zero_grad();
            reference.Loss().backward();
            sgd.step();
            ours.Layers.zero_grad();  // TorchSharp sets the gradients to none
            optimizer.Backward(ours.Loss());
            optimizer.Step();
        }

        Services.AssertClose(reference.Snapshot(), ours.Snapshot(), 1e-6);
    }

    [Fact]
    public void ParametersBecomeViewsOfOneFlatBufferInRegistrationOrder()
    {
        using var network = new TinyNetwork();
        var before = network.Snapshot();
        using var services = Services.Single(new OptimizerSettings());
        var flat = services.Create(network.Parameters()).Flat!;
        Assert.Equal(before, flat.Values.to(float64).data<double>().ToArray());
        using var noGrad = no_grad();
        flat.Values.fill_(2);
        Assert.All(network.Snapshot(), v => Assert.Equal(2.0, v));
    }

    [Fact]
    public void AClosedFormGroupHandsOutScheduledValuesAndRefusesGradientSteps()
    {
        using var weights = zeros(3, 4);
        var group = OptimizerGroup.ClosedForm(OptimizerGroup.DefaultName, "w", "sgd");
        var schedule = new ScheduleOptions { Name = ScheduleName.Linear, MomentumWarmup = new MomentumWarmupOptions { Start = 0.5, Epochs = 1 } };
        using var services = Services.Single(new OptimizerSettings("sgd", 0.1, Momentum: 0.9, WeightDecay: 2e-4), schedule, stepsPerEpoch: 10, epochs: 2, group: group);
        var optimizer = services.Create([weights]);
        services.BeginStep(0, false);
        var first = optimizer.TakeStep();
        Assert.Equal((1L, 0.1, 0.5, 2e-4), (first.Number, first.LearningRate, first.Momentum, first.WeightDecay));
        services.BeginStep(10, false);
        var later = optimizer.TakeStep();
        Assert.Equal(0.9, later.Momentum);
        Assert.Equal(0.1 * (1 - 0.5), later.LearningRate, 12);
        Assert.Throws<InvalidOperationException>(() => optimizer.Step());
        Assert.Null(optimizer.Flat);
    }

    [Fact]
    public void RegistrationRefusesUndeclaredDuplicateSharedAndMissingGroups()
    {
        using var network = new TinyNetwork();
        var groups = new[] { new OptimizerGroup("generator", "g"), new OptimizerGroup("discriminator", "d") };
        using var services = new TrainingServices(new TrainingServicesSettings(
            groups.Select(g => new ConfiguredGroup(g, new OptimizerSettings(), new ScheduleOptions())).ToList(), new TrainingClock(1, 1), 1, new EmaOptions()));
        var undeclared = Assert.Throws<ArgumentException>(() => services.Create("critic", network.Parameters()));
        Assert.Contains("declared: generator, discriminator", undeclared.Message);
        var parameters = network.Parameters().ToList();
        Assert.Contains("same tensor", Assert.Throws<ArgumentException>(() => services.Create("generator", [parameters[0], parameters[0]])).Message);
        services.Create("generator", parameters.Take(2));
        Assert.Contains("already belongs to group 'generator'", Assert.Throws<ArgumentException>(() => services.Create("discriminator", parameters)).Message);
        Assert.Contains("'discriminator'", Assert.Throws<InvalidOperationException>(services.CompleteRegistration).Message);
    }
}
