using Framework.Contracts.Models;

namespace Framework.Host.Tests.Support;

/// <summary>The <c>rbm</c> model plugin of the tests: it declares options; experiment-file tests never train.</summary>
internal sealed class TestRbmPlugin : ModelPlugin<TestRbmOptions>
{
    public override string Name => "rbm";

    public override string Description => "Test RBM with every kind of option.";

    protected override IModel Create(TestRbmOptions options, IModelContext context) =>
        throw new NotSupportedException("Experiment-file tests only read this plugin's options.");
}
