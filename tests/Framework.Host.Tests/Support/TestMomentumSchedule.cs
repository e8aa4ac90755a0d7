using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Tests.Support;

/// <summary>A nested options group; its parent overrides <see cref="Final"/>'s default (0.9 instead of 0.5).</summary>
internal sealed class TestMomentumSchedule
{
    [Description("Momentum of the first epochs.")]
    [Range(0.0, 1.0)]
    public double Initial { get; set; } = 0.5;

    [Description("Momentum after the switch.")]
    [Range(0.0, 1.0)]
    public double Final { get; set; } = 0.5;

    [Description("Epoch of the switch.")]
    [Range(0, 1000)]
    public int SwitchEpoch { get; set; } = 5;
}
