using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Tests.Support;

/// <summary>Options shaped like a VAE's.</summary>
internal sealed class TestVaeOptions
{
    [Description("Latent dimensions.")]
    [Range(1, 512)]
    public int Latent { get; set; } = 2;

    [Description("Decoder likelihood.")]
    public TestDecoderKind Decoder { get; set; } = TestDecoderKind.Bernoulli;

    [Description("Weight of the KL term.")]
    [Range(0.0, 100.0)]
    public double Beta { get; set; } = 1.0;

    [Description("Hidden layer sizes.")]
    [Range(1, 4096)]
    public int[] HiddenSizes { get; set; } = [512, 256];
}
