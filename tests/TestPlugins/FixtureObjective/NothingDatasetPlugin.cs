using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace FixtureObjective;

/// <summary>One example, so that an epoch of the objective model is one step.</summary>
public sealed class NothingDatasetPlugin : DatasetPlugin<NothingOptions>
{
    public override string Name => "one-example";

    public override string Description => "A single zero, for models that learn nothing from data.";

    protected override Dataset Load(NothingOptions options, IDatasetContext context) =>
        new(zeros(1, 1), zeros(1, 1), new ValueRange(0, 1)) { Layout = SampleLayout.Vector };
}

/// <summary>No options.</summary>
public sealed class NothingOptions
{
}
