using Framework.Contracts.Data;

namespace FixtureMissingDependency;

/// <summary>A dataset plugin that depends on another assembly for its description.</summary>
public sealed class GreetingDataset : DatasetPlugin<GreetingDataset.Settings>
{
    public sealed class Settings
    {
    }

    public override string Name => "greeting";

    public override string Description => FixtureDependency.Greeting.Text;

    protected override Dataset Load(Settings options, IDatasetContext context) =>
        throw new NotSupportedException("This fixture only exists to be rejected.");
}
