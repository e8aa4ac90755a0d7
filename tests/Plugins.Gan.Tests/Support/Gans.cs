using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Testing;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Support;

/// <summary>The plugin as the host resolves it, small datasets, and runs of a model on them.</summary>
internal static class Gans
{
    public static IModelPlugin Plugin { get; } = Resolve();

    /// <summary>Adam as the reference configures it for both groups.</summary>
    public static OptimizerSettings ReferenceAdam { get; } = new(LearningRate: 2e-4, Beta1: 0.5, Beta2: 0.999);

    /// <summary>Random [0, 1] "images" of <c>[1, size, size]</c> with a bright square in one of four places.</summary>
    public static Dataset Images(int size = 8, int train = 64, int test = 32, long seed = 1)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor Draw(int count)
        {
            var x = rand([count, 1, size, size], generator: generator) * 0.2;
            var corner = randint(4, [count], generator: generator);
            for (var i = 0; i < count; i++)
            {
                var c = corner[i].item<long>();
                x[i, 0, TensorIndex.Slice(c / 2 * (size / 2), (c / 2 + 1) * (size / 2)), TensorIndex.Slice(c % 2 * (size / 2), (c % 2 + 1) * (size / 2))] += 0.8;
            }

            return x.clamp(0, 1);
        }

        var trainX = Draw(train).MoveToOuterDisposeScope();
        var testX = Draw(test).MoveToOuterDisposeScope();
        return new Dataset(trainX, testX, ValueRange.Unit) { Layout = SampleLayout.Image };
    }

    /// <summary>Spin lattices ±1 of <c>[size, size]</c>: mostly aligned, as an ordered Ising phase.</summary>
    public static Dataset Spins(int size = 4, int train = 64, int test = 32, long seed = 1)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor Draw(int count)
        {
            var sign = rand([count, 1, 1], generator: generator).lt(0.5).to(float32) * 2 - 1;
            var flips = rand([count, size, size], generator: generator).lt(0.1).to(float32) * -2 + 1;
            return sign * flips;
        }

        var trainX = Draw(train).MoveToOuterDisposeScope();
        var testX = Draw(test).MoveToOuterDisposeScope();
        return new Dataset(trainX, testX, ValueRange.Spin) { IsBinary = true, Layout = SampleLayout.Lattice };
    }

    /// <summary>A run of the plugin on <paramref name="data"/> with the reference's Adam for both groups.</summary>
    public static (TestRun Run, GanModel Model) Build(Dataset data, GanOptions options, TestRunSettings? settings = null)
    {
        var run = new TestRun(data, Plugin.OptimizerGroups(options), settings ?? new TestRunSettings { BatchSize = 16, Optimizer = ReferenceAdam });
        return (run, (GanModel)run.CreateModel(Plugin, options));
    }

    /// <summary>A dataset plugin as the host resolves it from its module.</summary>
    public static IDatasetPlugin DatasetPlugin<TModule>(string name) where TModule : Autofac.Module, new() =>
        PluginModules.Resolve<TModule, IDatasetPlugin>(name);

    private static IModelPlugin Resolve() => PluginModules.Resolve<GanModule, IModelPlugin>("gan");
}
