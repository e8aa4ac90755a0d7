using Framework.Contracts.Models;

namespace Framework.Host.Tests.Support;

/// <summary>The <c>vae</c> model plugin of the tests: it declares options; experiment-file tests never train.</summary>
internal sealed class TestVaePlugin : ModelPlugin<TestVaeOptions>
{
    public override string Name => "vae";

    public override string Description => "Test VAE.";

    protected override IModel Create(TestVaeOptions options, IModelContext context) =>
        throw new NotSupportedException("Experiment-file tests only read this plugin's options.");
}
