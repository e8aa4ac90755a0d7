using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace FixtureGan;

public sealed class RingOptions
{
    [Description("Number of Gaussian modes on the ring.")]
    [Range(1, 64)]
    public int Modes { get; set; } = 8;

    [Description("Standard deviation of each mode.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Spread { get; set; } = 0.05;

    [Description("Training examples.")]
    [Range(1, 10_000_000)]
    public int TrainCount { get; set; } = 4096;

    [Description("Test examples.")]
    [Range(1, 10_000_000)]
    public int TestCount { get; set; } = 1024;
}
