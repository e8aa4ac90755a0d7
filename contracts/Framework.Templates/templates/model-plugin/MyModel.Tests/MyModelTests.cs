using Autofac;
using Framework.Contracts.Models;
using Framework.Testing;
using Framework.Testing.Conformance;
using static TorchSharp.torch;

namespace MyModel.Tests;

public sealed class MyModelTests
{
    /// <summary>Everything the host relies on: the options, the optimiser groups, finite steps, samples in the data's
    /// shape and range, metric names, exact resume, reproducibility from the seed, and no leaked native memory.</summary>
    [Fact]
    public void ThePluginMeetsEveryObligationOfTheContracts()
    {
        using var data = TestData.Binary();

        ModelConformance.Check(new MyModelPlugin(), data).ThrowIfFailed();
    }

    [Fact]
    public void WithOneComponentTheLikelihoodIsAProductOfBernoullis()
    {
        using var data = TestData.Binary(features: 3, train: 8, test: 8);
        using var run = new TestRun(data, new MyModelPlugin().OptimizerGroups(new MyModelOptions()));
        using var model = (BernoulliMixture)run.CreateModel(new MyModelPlugin(), new MyModelOptions { Components = 1, InitialSpread = 0 });
        using var x = tensor(new float[] { 1, 0, 1 }).reshape(1, 3);

        // All log-odds 0: every value has probability 1/2, so p(x) = 1/8.
        Assert.Equal(Math.Log(1.0 / 8), model.LogLikelihood(x).item<float>(), 5);
    }

    [Fact]
    public void TrainingRaisesTheTestLogLikelihood()
    {
        using var data = TestData.Binary();
        using var run = new TestRun(data, new MyModelPlugin().OptimizerGroups(new MyModelOptions()),
            new TestRunSettings { Optimizer = new(LearningRate: 0.05) });
        using var model = run.CreateModel(new MyModelPlugin(), new MyModelOptions());

        var before = run.Evaluate(model)["test/loglik"];
        run.Train(model, steps: 200);
        var after = run.Evaluate(model)["test/loglik"];

        Assert.True(after > before + 1, $"test/loglik went from {before:F2} to {after:F2} nats");
        Assert.Equal("exact", run.Tags["framework.loglik_estimator"]);
    }

    [Fact]
    public void TheModuleRegistersThePluginForTheHost()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<MyModelModule>();
        using var container = builder.Build();

        Assert.Equal("my-model", Assert.Single(container.Resolve<IEnumerable<IModelPlugin>>()).Name);
    }
}
