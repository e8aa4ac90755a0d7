using Autofac;
using Framework.Contracts.Data;
using Framework.Plugins.Idx;
using Framework.Plugins.Rbm.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Scenarios;

/// <summary>AIS against exact enumeration on a trained model: a 784x16 RBM after a few epochs on binarised
/// Fashion-MNIST (Debian package dataset-fashion-mnist), whose 2^16 hidden states can be summed.</summary>
public sealed class FashionMnistAisTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OnATrainedFashionMnistMachineAisAgreesWithTheExactLogPartitionFunctionWithinATenthOfANat(long seed)
    {
        using var sink = new FolderArtifactSink();
        using var data = LoadBinarisedFashionMnist(trainLimit: 20_000, testLimit: 2_000);
        var context = new RunContext(data, batchSize: 64, epochs: 3, RunContext.ReferenceSgd(), seed, sink, RunContext.Hinton(momentumEpochs: 1));
        var options = new RbmOptions { Hidden = 16, AisWhenExact = true, AisRuns = 100, AisSteps = 14_500 };
        using var model = new RbmModel(options, context);
        TrainingLoop.Run(model, context);

        IReadOnlyDictionary<string, double> metrics;
        using (no_grad())
            metrics = model.Evaluate(context);

        var difference = metrics["log_z/ais"] - metrics["log_z/exact"];
        Assert.True(Math.Abs(difference) < 0.1, $"AIS {metrics["log_z/ais"]:F4} vs exact {metrics["log_z/exact"]:F4} (difference {difference:F4})");
        // A trained machine, not a degenerate one: the log-likelihood lies between a poor model's and a good one's.
        Assert.InRange(metrics["test/loglik"], -420, -150);
    }

    internal static Dataset LoadBinarisedFashionMnist(int trainLimit, int testLimit)
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<IdxModule>();
        using var container = builder.Build();
        var idx = container.Resolve<IEnumerable<IDatasetPlugin>>().Single(p => p.Name == "idx");
        var options = new IdxOptions { Binarize = Binarization.Threshold, Shape = ImageShape.Flat, TrainLimit = trainLimit, TestLimit = testLimit };
        return idx.Load(options, new DatasetContext(0));
    }
}
