using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace FixtureGan;

public sealed class GanOptions
{
    [Description("Width of the hidden layers of both networks.")]
    [Range(1, 4096)]
    public int Hidden { get; set; } = 32;

    [Description("Size of the generator's noise input.")]
    [Range(1, 256)]
    public int Latent { get; set; } = 2;

    [Description("Discriminator updates per generator update.")]
    [Range(1, 10)]
    public int DiscriminatorSteps { get; set; } = 1;
}
