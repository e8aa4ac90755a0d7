using Autofac;
using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MyData;

/// <summary>The <c>my-data</c> dataset: noisy copies of a few random binary prototypes, all drawn from the run's seed
/// (the context's generator), so that one seed always gives the same data.</summary>
public sealed class MyDataPlugin : DatasetPlugin<MyDataOptions>
{
    /// <inheritdoc />
    public override string Name => "my-data";

    /// <inheritdoc />
    public override string Description => "Noisy copies of a few random binary prototypes (generated, seeded).";

    /// <inheritdoc />
    protected override Dataset Load(MyDataOptions options, IDatasetContext context)
    {
        using var scope = NewDisposeScope();
        var prototypes = rand([options.Prototypes, options.Features], generator: context.Generator).lt(0.5).to(float32);
        Tensor Draw(int count)
        {
            var which = randint(options.Prototypes, [count], generator: context.Generator);
            var flips = rand([count, options.Features], generator: context.Generator).lt(options.FlipProbability).to(float32);
            return (prototypes.index_select(0, which) - flips).abs();
        }

        var train = Draw(options.TrainCount).MoveToOuterDisposeScope();
        var test = Draw(options.TestCount).MoveToOuterDisposeScope();
        context.Logger.LogDebug("Generated {Train} + {Test} examples of {Features} values", options.TrainCount, options.TestCount, options.Features);
        return new Dataset(train, test, new ValueRange(0, 1))
        {
            IsBinary = true,
            Layout = SampleLayout.Vector,
            // The host logs these for the data (data/...) and for every model's samples (samples/...).
            Observables = new PrototypeObservables(prototypes.clone().MoveToOuterDisposeScope()),
        };
    }
}

/// <summary>How close examples stay to the prototypes: a model whose samples drift far from all of them has not learnt
/// the data, whatever its loss says.</summary>
internal sealed class PrototypeObservables(Tensor prototypes) : IDataObservables
{
    public IReadOnlyDictionary<string, double> Compute(Tensor examples)
    {
        using var scope = NewDisposeScope();
        var x = examples.reshape(examples.shape[0], -1).to(float32).cpu();
        // The fraction of values that differ from the nearest prototype (0 for exact copies).
        var distances = cdist(x, prototypes, p: 1).min(1).values / x.shape[1];
        return new Dictionary<string, double>
        {
            ["mean_value"] = x.mean().item<float>(),
            ["prototype_distance"] = distances.mean().item<float>(),
        };
    }
}

/// <summary>The host runs every Autofac module of a plugin's assembly: this one registers the dataset.</summary>
public sealed class MyDataModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<MyDataPlugin>().As<IDatasetPlugin>().SingleInstance();
}
