using Framework.Contracts.Data;

namespace Framework.Host.Tests.Support;

/// <summary>The <c>ising</c> dataset plugin of the tests: it declares options; it never generates data.</summary>
internal sealed class TestIsingPlugin : DatasetPlugin<TestIsingOptions>
{
    public override string Name => "ising";

    public override string Description => "Test Ising lattices.";

    protected override Dataset Load(TestIsingOptions options, IDatasetContext context) =>
        throw new NotSupportedException("Experiment-file tests only read this plugin's options.");
}
