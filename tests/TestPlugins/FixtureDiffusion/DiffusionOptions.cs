using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace FixtureDiffusion;

public sealed class DiffusionOptions
{
    [Description("Number of diffusion timesteps T.")]
    [Range(2, 10_000)]
    public int Timesteps { get; set; } = 100;

    [Description("Noise variance at the first step of the linear schedule.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double BetaStart { get; set; } = 1e-4;

    [Description("Noise variance at the last step of the linear schedule.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double BetaEnd { get; set; } = 0.02;

    [Description("Width of the noise-prediction network.")]
    [Range(1, 4096)]
    public int Hidden { get; set; } = 64;
}
