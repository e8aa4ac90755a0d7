using Framework.Contracts.Data;

namespace Framework.Host.Tests.Support;

/// <summary>The <c>bars-and-stripes</c> dataset plugin of the tests: it declares options; it never loads data.</summary>
internal sealed class TestBarsPlugin : DatasetPlugin<TestBarsOptions>
{
    public override string Name => "bars-and-stripes";

    public override string Description => "Test bars and stripes.";

    protected override Dataset Load(TestBarsOptions options, IDatasetContext context) =>
        throw new NotSupportedException("Experiment-file tests only read this plugin's options.");
}
